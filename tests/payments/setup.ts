// What the payments suites share: their stack and accounts, and a booking's money walked
// by emitting booking's events directly, as booking would.
import { type Stack, signUpAdmin, startStack } from '../harness/index.ts';
import {
  type Client,
  clientWithCard,
  emit,
  onboardedTherapist,
  requestBooking,
  waitForPayment,
} from './helpers.ts';

export interface PaymentsSuite {
  stack: Stack;
  client: Client;
  therapist: Client;
  adminToken: string;
}

/** Identity and payments with their workers, a client who saved a card, an onboarded therapist and an admin. */
export async function paymentsSuite(opts: { now?: () => Date } = {}): Promise<PaymentsSuite> {
  const stack = await startStack({ subgraphs: ['identity', 'payments'], workers: true, ...opts });
  const client = await clientWithCard(stack);
  const therapist = await onboardedTherapist(stack);
  const adminToken = (await signUpAdmin(stack)).accessToken;
  return { stack, client, therapist, adminToken };
}

/** booking.requested for `client`, then waits until its card is held. */
export async function heldBooking(
  stack: Stack,
  client: Client,
  opts: Parameters<typeof requestBooking>[2] = {},
): Promise<string> {
  const bookingId = await requestBooking(stack, client, opts);
  await waitForPayment(stack, client.accessToken, bookingId, (p) => p.status === 'HELD', 'the hold');
  return bookingId;
}

/** The session both events name: `therapist` with `client`, starting at `at`. */
const session = (bookingId: string, client: Client, therapist: Client, at: Date) => ({
  bookingId,
  clientId: client.uuid,
  therapistId: therapist.uuid,
  kind: 'SESSION' as const,
  startsAt: at.toISOString(),
});

/** booking.completed for a one-hour session that `therapist` gave `client` at `at`. */
export async function emitCompleted(
  stack: Stack,
  bookingId: string,
  client: Client,
  therapist: Client,
  at = stack.now(),
): Promise<void> {
  await emit(stack, 'booking.completed', {
    ...session(bookingId, client, therapist, at),
    completedAt: at.toISOString(),
    durationMinutes: 60,
    selfCareCap: 3,
  });
}

/** booking.confirmed then booking.completed, as booking emits them for a session walked through. */
export async function confirmAndComplete(
  stack: Stack,
  bookingId: string,
  client: Client,
  therapist: Client,
  at = stack.now(),
): Promise<void> {
  await emit(stack, 'booking.confirmed', session(bookingId, client, therapist, at));
  await emitCompleted(stack, bookingId, client, therapist, at);
}
