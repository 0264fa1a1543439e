// Test helpers for the safety modules (intake, screening, day-of).

import { fromGlobalId } from '@mm/graphql-kit';
import { emptyIntakeAnswers, type IntakeAnswers } from '@mm/safety';
import { eventually, type Stack, type TestUser } from '../../harness/index.ts';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function merge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merge((base as Record<string, unknown>)[k], v);
  return out as T;
}

const jsonSafe = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** A GraphQL MigraineIntakeAnswersInput: the all-"no" baseline plus a typical pattern, with overrides. */
export function intakeInput(
  patch: DeepPartial<Omit<IntakeAnswers, 'answeredAt'>> = {},
  dateOfBirth = '1988-05-14',
): Record<string, unknown> {
  const { answeredAt: _, ...base } = emptyIntakeAnswers();
  const typical = merge(base, {
    headache: {
      startsAt: ['NECK', 'TEMPLE'],
      onset: 'BUILDS_DURING_DAY',
      wakesWithHeadache: false,
      oneSided: true,
      hasUsualAura: false,
    },
    triggers: { posture: true, screens: true, sleep: true },
    preferences: { pressure: 'MEDIUM', focusAreas: [{ area: 'SHOULDERS', side: 'BOTH', note: null }] },
  });
  return { dateOfBirth, ...(jsonSafe(merge(typical, patch)) as Record<string, unknown>) };
}

export const uuidOf = (user: TestUser) => fromGlobalId('User', user.id);

export const SUBMIT_INTAKE = /* GraphQL */ `
  mutation Submit($input: SubmitMigraineIntakeInput!) {
    submitMigraineIntake(input: $input) {
      intake { id version source confirmedAt needsReconfirmation reconfirmationReason
        answers { dateOfBirth headache { startsAt onset oneSided } triggers { scents posture }
          preferences { pressure focusAreas { area side note } } } }
    }
  }
`;

export async function submitIntake(
  stack: Stack,
  client: TestUser,
  answers: Record<string, unknown> = intakeInput(),
): Promise<{ id: string; version: number }> {
  const res = await stack.gql<{ submitMigraineIntake: { intake: { id: string; version: number } } }>(
    SUBMIT_INTAKE,
    { input: { answers } },
    { token: client.accessToken },
  );
  if (!res.data) throw new Error(`submitMigraineIntake failed: ${res.raw}`);
  return res.data.submitMigraineIntake.intake;
}

// ── bookings, through the dispatch engineer's API ─────────────────────────

const ADD_ADDRESS = /* GraphQL */ `
  mutation($input: AddAddressInput!) { addAddress(input: $input) { address { id } } }
`;

/**
 * Saves a home address through identity, then waits until booking's
 * projection has it (identity's address.saved, through the outbox relay: the
 * stack must run workers). Returns the BookingAddressInput.
 */
export async function addHome(stack: Stack, client: TestUser): Promise<{ addressId: string }> {
  const res = await stack.gql<{ addAddress: { address: { id: string } } }>(
    ADD_ADDRESS,
    {
      input: {
        label: 'Home',
        line1: '350 W 42nd St',
        city: 'New York',
        region: 'NY',
        postalCode: '10036',
        country: 'US',
      },
    },
    { token: client.accessToken },
  );
  if (!res.data) throw new Error(`addAddress failed: ${res.raw}`);
  const addressId = res.data.addAddress.address.id;
  await eventually(
    () => stack.prisma.clientAddress.findUnique({ where: { addressId: fromGlobalId('Address', addressId) } }),
    `address ${addressId} in booking's projection`,
  );
  return { addressId };
}

export const REQUEST_BOOKING = /* GraphQL */ `
  mutation($input: RequestBookingInput!) {
    requestBooking(input: $input) {
      booking { id state screening { outcome guidance urgent modifications { code text } } }
    }
  }
`;

export interface RequestedBooking {
  id: string;
  state: string;
  screening: {
    outcome: string;
    guidance: string;
    urgent: boolean;
    modifications: { code: string; text: string }[];
  };
}

export function requestBooking(
  stack: Stack,
  client: TestUser,
  address: Awaited<ReturnType<typeof addHome>>,
  startsAt: Date,
  extra: Record<string, unknown> = {},
) {
  return stack.gql<{ requestBooking: { booking: RequestedBooking } }>(
    REQUEST_BOOKING,
    {
      input: {
        address,
        timezone: 'America/New_York',
        startsAt: startsAt.toISOString(),
        durationMinutes: 60,
        ...extra,
      },
    },
    { token: client.accessToken },
  );
}

const ARRIVE = `mutation($input: BookingIdInput!) { arriveAtBooking(input: $input) { booking { id state } } }`;
export const START_SESSION = `mutation($input: BookingIdInput!) { startSession(input: $input) { booking { id state } } }`;
export const COMPLETE_SESSION = `mutation($input: BookingIdInput!) { completeSession(input: $input) { booking { id state } } }`;

/**
 * A SCREENED booking confirmed with `therapist` and checked in at the door.
 * Placing the hold and the offer round belong to payments and dispatch and are
 * covered by their tests; here the accepted offer is written with the bookings
 * table directly, and the check-in goes through the API.
 */
export async function atTheDoor(
  stack: Stack,
  bookingId: string,
  therapist: TestUser,
  now: Date,
): Promise<void> {
  const id = fromGlobalId('Booking', bookingId);
  await stack.prisma.booking.update({
    where: { id },
    // Due now (arrival and start are refused earlier than 15 minutes before), with the card held.
    data: {
      state: 'CONFIRMED',
      therapistId: uuidOf(therapist),
      confirmedAt: now,
      startsAt: new Date(now.getTime() + 10 * 60_000),
      paymentHeldAt: now,
    },
  });
  const res = await stack.gql<{ arriveAtBooking: { booking: { state: string } } }>(
    ARRIVE,
    { input: { bookingId } },
    { token: therapist.accessToken },
  );
  if (res.data?.arriveAtBooking.booking.state !== 'ARRIVED') throw new Error(`arrive failed: ${res.raw}`);
}
