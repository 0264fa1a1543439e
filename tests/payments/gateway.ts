// Booking and payments together through the gateway: a client with a card and an
// intake, an onboarded therapist in booking's directory, and a confirmed booking.
import { seedDemoIntake } from '@mm/booking/src/modules/intake/intake.seed.ts';
import { toGlobalId } from '@mm/graphql-kit';
import {
  bookingInput,
  REQUEST_BOOKING,
  rawId,
  registerTherapist,
  saveClientAddress,
} from '../booking/helpers.ts';
import { eventually, type Stack, startStack, type TestClock } from '../harness/index.ts';
import { type Client, clientWithCard, onboardedTherapist } from './helpers.ts';

export const HOUR = 3_600_000;

/** A client who saved a card and filled in the demo intake. */
export async function bookingClient(stack: Stack, clock: TestClock): Promise<Client> {
  const client = await clientWithCard(stack);
  await seedDemoIntake({
    prisma: stack.prisma,
    config: stack.config,
    now: clock.now(),
    accounts: { client: { userId: client.uuid } },
  });
  return client;
}

/** A therapist with payouts enabled at Stripe, listed in booking's directory next to the client. */
export async function bookingTherapist(stack: Stack): Promise<Client> {
  const therapist = await onboardedTherapist(stack);
  await registerTherapist(stack, therapist.uuid, { km: 0.2 });
  return therapist;
}

/** Identity, booking and payments with their workers on `clock`, a booking client and a listed therapist. */
export async function gatewaySuite(
  clock: TestClock,
): Promise<{ stack: Stack; client: Client; therapist: Client }> {
  const stack = await startStack({
    subgraphs: ['identity', 'booking', 'payments'],
    workers: true,
    now: clock.now,
  });
  const client = await bookingClient(stack, clock);
  const therapist = await bookingTherapist(stack);
  return { stack, client, therapist };
}

export interface Booked {
  bookingId: string;
  globalId: string;
}

/** Requests a booking starting `startsInMs` from the clock and waits for the real hold (SEARCHING or later). */
export async function requestedBooking(
  stack: Stack,
  clock: TestClock,
  client: Client,
  startsInMs: number,
): Promise<Booked> {
  const address = await saveClientAddress(stack, client);
  const res = await stack.gql<{ requestBooking: { booking: { id: string } } }>(
    REQUEST_BOOKING,
    {
      input: bookingInput(clock, address, {
        startsAt: new Date(clock.now().getTime() + startsInMs).toISOString(),
      }),
    },
    { token: client.accessToken },
  );
  if (!res.data) throw new Error(`requestBooking failed: ${res.raw}`);
  return {
    bookingId: rawId(res.data.requestBooking.booking.id),
    globalId: res.data.requestBooking.booking.id,
  };
}

/** The therapist accepts the open offer for the booking. */
export async function acceptOffer(stack: Stack, booking: Booked, therapist: Client): Promise<void> {
  const offer = await eventually(
    () =>
      stack.prisma.offer.findFirst({
        where: { bookingId: booking.bookingId, therapistId: therapist.uuid, status: 'OPEN' },
      }),
    'an offer to the therapist',
  );
  const res = await stack.gql<{ acceptOffer: { booking: { state: string } } }>(
    'mutation A($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }',
    { input: { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications: true } },
    { token: therapist.accessToken },
  );
  if (res.data?.acceptOffer.booking.state !== 'CONFIRMED') throw new Error(`accept failed: ${res.raw}`);
}

/** Requests, holds and confirms a booking starting `startsInMs` from the clock. */
export async function confirmedBooking(
  stack: Stack,
  clock: TestClock,
  client: Client,
  therapist: Client,
  startsInMs: number,
): Promise<Booked> {
  const booking = await requestedBooking(stack, clock, client, startsInMs);
  await acceptOffer(stack, booking, therapist);
  return booking;
}

export const visit = (stack: Stack, therapist: Client, booking: Booked, step: string) =>
  stack.gql<Record<string, { booking: { state: string } }>>(
    `mutation($input: BookingIdInput!) { ${step}(input: $input) { booking { state } } }`,
    { input: { bookingId: booking.globalId } },
    { token: therapist.accessToken },
  );
