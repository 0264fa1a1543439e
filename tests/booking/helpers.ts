import { randomUUID } from 'node:crypto';
import { createBookingContext } from '@mm/booking/src/context.ts';
import { buildBookingModules } from '@mm/booking/src/modules/index.ts';
import { seedDemoIntake } from '@mm/booking/src/modules/intake/intake.seed.ts';
import { signAccessToken, toGlobalId } from '@mm/graphql-kit';
import { emitEvent, type PlatformEvents, type TherapistSnapshot } from '@mm/queue';
import { eventually, type Stack, signUp, type TestClock, type TestUser } from '../harness/index.ts';

/** Times Square, Manhattan (US-NY). */
export const CLIENT_AT = { latitude: 40.758, longitude: -73.9855 };
const KM_PER_DEGREE_LAT = 111.195;

export function northOf(km: number) {
  return { latitude: CLIENT_AT.latitude + km / KM_PER_DEGREE_LAT, longitude: CLIENT_AT.longitude };
}

export function snapshot(
  therapistId: string,
  over: Partial<TherapistSnapshot> & { km?: number } = {},
): TherapistSnapshot {
  const { km = 3, ...rest } = over;
  return {
    therapistId,
    status: 'APPROVED',
    displayName: `Therapist ${therapistId.slice(0, 4)}`,
    gender: 'FEMALE',
    timezone: 'America/New_York',
    serviceArea: { ...northOf(km), radiusKm: 25 },
    weeklyAvailability: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, startMinute: 0, endMinute: 1440 })),
    availabilityExceptions: [],
    licenses: [
      {
        id: randomUUID(),
        jurisdiction: 'US-NY',
        type: 'LMT',
        issuedOn: '2020-01-01',
        expiresOn: '2030-12-31',
        status: 'VERIFIED',
      },
    ],
    insurance: { expiresOn: '2030-12-31', status: 'VERIFIED' },
    credentials: [],
    backgroundCheck: { status: 'CLEAR' },
    migraineExperienceYears: 5,
    ...rest,
  };
}

/** Publishes what screening and payments would, and waits until booking's projection has it. */
export async function registerTherapist(
  stack: Stack,
  therapistId: string,
  over: Parameters<typeof snapshot>[1] = {},
) {
  const snap = snapshot(therapistId, over);
  await stack.prisma.$transaction(
    async (tx) => {
      await emitEvent(tx, {
        type: 'therapist.profile_changed',
        aggregateType: 'Therapist',
        aggregateId: therapistId,
        payload: { snapshot: snap },
      });
      await emitEvent(tx, {
        type: 'payout.account_updated',
        aggregateType: 'Therapist',
        aggregateId: therapistId,
        payload: { therapistId, payoutsEnabled: true, chargesEnabled: true },
      });
      // Races register dozens at once on a small pool: wait for a connection rather than give up after 2 s.
    },
    { maxWait: 30_000 },
  );
  await eventually(async () => {
    const row = await stack.prisma.therapistDirectoryEntry.findUnique({ where: { therapistId } });
    return row?.payoutsEnabled && row.snapshot !== null;
  }, `directory entry for ${therapistId}`);
  return snap;
}

export type AddressFacts = PlatformEvents['address.saved'];

/**
 * Publishes `address.saved` as identity would (in a transaction, through the
 * outbox) and waits until booking's projection has applied it. Returns the
 * BookingAddressInput: the opaque Address ID only. `client` is a TestUser (global User ID).
 */
export async function saveClientAddress(
  stack: Stack,
  client: Pick<TestUser, 'id'>,
  over: Partial<Omit<AddressFacts, 'userId'>> = {},
): Promise<{ addressId: string }> {
  const addressId = over.addressId ?? randomUUID();
  const payload: AddressFacts = {
    ...CLIENT_AT,
    jurisdiction: 'US-NY',
    timezone: null,
    archived: false,
    ...over,
    addressId,
    userId: rawId(client.id),
  };
  const eventId = await stack.prisma.$transaction((tx) =>
    emitEvent(tx, { type: 'address.saved', aggregateType: 'Address', aggregateId: addressId, payload }),
  );
  const { occurredAt } = await stack.prisma.outboxEvent.findUniqueOrThrow({ where: { id: eventId } });
  await eventually(async () => {
    const row = await stack.prisma.clientAddress.findUnique({ where: { addressId } });
    return row !== null && row.updatedAt.getTime() >= occurredAt.getTime();
  }, `client address ${addressId} in booking's projection`);
  return { addressId: toGlobalId('Address', addressId) };
}

export interface TestTherapist {
  id: string;
  globalId: string;
  token: string;
}

/** A therapist identity without an identity-service account (fast, for races of many). */
export async function therapistIdentity(stack: Stack): Promise<TestTherapist> {
  const id = randomUUID();
  const token = await signAccessToken({ userId: id, role: 'THERAPIST' }, stack.config.JWT_SECRET, 900);
  return { id, globalId: toGlobalId('User', id), token };
}

export async function adminIdentity(stack: Stack): Promise<TestTherapist> {
  const id = randomUUID();
  const token = await signAccessToken({ userId: id, role: 'ADMIN' }, stack.config.JWT_SECRET, 900);
  return { id, globalId: toGlobalId('User', id), token };
}

export async function clientWithIntake(stack: Stack, clock: TestClock): Promise<TestUser> {
  const client = await signUp(stack, 'CLIENT');
  await seedDemoIntake({
    prisma: stack.prisma,
    config: stack.config,
    now: clock.now(),
    accounts: { client: { userId: rawId(client.id) } },
  });
  return client;
}

export const REQUEST_BOOKING = /* GraphQL */ `
  mutation Request($input: RequestBookingInput!) {
    requestBooking(input: $input) {
      booking { id state startsAt quote { subtotal { amount currency } platformFee { amount } lines { code } } screening { outcome } }
    }
  }
`;

export function bookingInput(
  clock: TestClock,
  address: { addressId: string },
  over: Record<string, unknown> = {},
) {
  return {
    address,
    timezone: 'America/New_York',
    startsAt: new Date(clock.now().getTime() + 3 * 3600_000).toISOString(),
    durationMinutes: 60,
    modalities: ['SWEDISH'],
    focusAreas: ['neck', 'temples'],
    ...over,
  };
}

export function rawId(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1] as string;
}

/**
 * Requests a booking as the client (at a fresh saved address in Times Square
 * unless `over.address` names one) and plays payments' hold_placed; waits for SEARCHING.
 */
export async function searchingBooking(
  stack: Stack,
  clock: TestClock,
  client: TestUser,
  over: Record<string, unknown> = {},
) {
  const address = over.address ? undefined : await saveClientAddress(stack, client);
  const res = await stack.gql<{ requestBooking: { booking: { id: string; state: string } } }>(
    REQUEST_BOOKING,
    { input: bookingInput(clock, address ?? (over.address as { addressId: string }), over) },
    { token: client.accessToken },
  );
  if (!res.data) throw new Error(`requestBooking failed: ${res.raw}`);
  const bookingId = rawId(res.data.requestBooking.booking.id);
  await placeHold(stack, bookingId);
  await eventually(
    async () => (await stack.prisma.booking.findUnique({ where: { id: bookingId } }))?.state === 'SEARCHING',
    'booking SEARCHING',
  );
  return { bookingId, globalId: res.data.requestBooking.booking.id };
}

export async function placeHold(stack: Stack, bookingId: string) {
  await stack.prisma.$transaction((tx) =>
    emitEvent(tx, {
      type: 'payment.hold_placed',
      aggregateType: 'Booking',
      aggregateId: bookingId,
      payload: {
        bookingId,
        paymentIntentId: `pi_${bookingId.slice(0, 8)}`,
        amount: { amount: 12_000, currency: 'USD' },
      },
    }),
  );
}

/** The same modules the service runs, on the test's clock: for driving dispatch steps directly. */
export function testModules(stack: Stack, clock: TestClock) {
  const ctx = createBookingContext({
    config: stack.config,
    prisma: stack.prisma,
    redis: stack.redis,
    now: clock.now,
  });
  return buildBookingModules(ctx);
}

export async function outboxTypes(stack: Stack, bookingId: string): Promise<string[]> {
  const rows = await stack.prisma.outboxEvent.findMany({
    where: { aggregateId: bookingId, type: { startsWith: 'booking.' } },
    orderBy: { occurredAt: 'asc' },
  });
  return rows.map((r) => r.type);
}
