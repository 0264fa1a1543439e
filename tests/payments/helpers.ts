import { randomUUID } from 'node:crypto';
import type { EventType, PlatformEvents } from '@mm/queue';
import { emitEvent } from '@mm/queue';
import Stripe from 'stripe';
import { eventually, type Stack, signUp, type TestUser } from '../harness/index.ts';

export const toBookingId = (uuid: string) => Buffer.from(`Booking:${uuid}`).toString('base64url');
export const userUuid = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1] as string;

/** The official SDK pointed at the stack's emulator, as a client app (Stripe.js) or a test would use it. */
export function stripeOf(stack: Stack): Stripe {
  const emulator = stack.stripe;
  if (!emulator) throw new Error('the stack runs no Stripe emulator');
  return new Stripe('sk_test_client_side', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
    telemetry: false,
  });
}

/** Emits a booking event exactly as booking does: in a transaction, through the outbox. */
export async function emit<T extends EventType>(
  stack: Stack,
  type: T,
  payload: PlatformEvents[T],
): Promise<string> {
  const bookingId = (payload as { bookingId?: string }).bookingId ?? randomUUID();
  return stack.prisma.$transaction((tx) =>
    emitEvent(tx, { type, aggregateType: 'Booking', aggregateId: bookingId, payload }),
  );
}

export interface Client extends TestUser {
  uuid: string;
}

/** A client who saved a card through createCardSetup, confirmed with the SDK as Stripe.js would. */
export async function clientWithCard(stack: Stack, paymentMethod = 'pm_card_visa'): Promise<Client> {
  const user = await signUp(stack, 'CLIENT');
  const setup = await stack.gql<{ createCardSetup: { clientSecret: string; setupIntentId: string } }>(
    'mutation { createCardSetup { clientSecret setupIntentId } }',
    {},
    { token: user.accessToken },
  );
  if (!setup.data) throw new Error(setup.raw);
  await stripeOf(stack).setupIntents.confirm(setup.data.createCardSetup.setupIntentId, {
    payment_method: paymentMethod,
  });
  await eventually(async () => {
    const res = await stack.gql<{ myCards: { isDefault: boolean }[] }>(
      '{ myCards { id isDefault } }',
      {},
      { token: user.accessToken },
    );
    return res.data?.myCards.some((c) => c.isDefault);
  }, 'the saved card to become the default');
  return { ...user, uuid: userUuid(user.id) };
}

/** A therapist who completed Express onboarding (opening the account link, as on Stripe). */
export async function onboardedTherapist(stack: Stack, complete = true): Promise<Client> {
  const user = await signUp(stack, 'THERAPIST');
  const res = await stack.gql<{ startPayoutOnboarding: { url: string } }>(
    'mutation { startPayoutOnboarding { url account { status } } }',
    {},
    { token: user.accessToken },
  );
  if (!res.data) throw new Error(res.raw);
  if (complete) {
    const page = await fetch(res.data.startPayoutOnboarding.url);
    if (!page.ok) throw new Error(`onboarding failed: ${page.status}`);
    await eventually(
      async () => (await payoutStatus(stack, user.accessToken)) === 'ENABLED',
      'payouts enabled',
    );
  }
  return { ...user, uuid: userUuid(user.id) };
}

export async function payoutStatus(stack: Stack, token: string): Promise<string | undefined> {
  const res = await stack.gql<{ myPayoutAccount: { status: string } }>(
    '{ myPayoutAccount { status } }',
    {},
    { token },
  );
  return res.data?.myPayoutAccount.status;
}

export const PAYMENT_FIELDS = `bookingId status failureReason authorizeAt completedAt tipDeadline
  held { amount currency } charged { amount currency } tip { amount currency }
  refunded { amount currency } platformFee { amount currency }
  therapistAmount { amount currency } transferred { amount currency }
  refunds { id amount { amount currency } status reason }`;

export interface PaymentView {
  bookingId: string;
  status: string;
  failureReason: string | null;
  authorizeAt: string | null;
  held: { amount: number; currency: string };
  charged: { amount: number; currency: string };
  tip: { amount: number; currency: string };
  refunded: { amount: number; currency: string };
  platformFee: { amount: number; currency: string };
  therapistAmount: { amount: number; currency: string };
  transferred: { amount: number; currency: string };
  refunds: { id: string; amount: { amount: number }; status: string }[];
}

export async function paymentOf(stack: Stack, token: string, bookingId: string) {
  return stack.gql<{ bookingPayment: PaymentView }>(
    `query($id: ID!) { bookingPayment(bookingId: $id) { ${PAYMENT_FIELDS} } }`,
    { id: toBookingId(bookingId) },
    { token },
  );
}

/** Waits until the booking's payment (as its client sees it) satisfies `check`. */
export async function waitForPayment(
  stack: Stack,
  token: string,
  bookingId: string,
  check: (p: PaymentView) => boolean,
  what: string,
): Promise<PaymentView> {
  return eventually(async () => {
    const res = await paymentOf(stack, token, bookingId);
    const p = res.data?.bookingPayment;
    return p && check(p) ? p : null;
  }, what);
}

export const price = (subtotal: number, platformFee: number, tip: number) => ({
  subtotal: { amount: subtotal, currency: 'USD' },
  platformFee: { amount: platformFee, currency: 'USD' },
  tip: { amount: tip, currency: 'USD' },
});

/** booking.requested for a session `hoursAhead` from now. */
export async function requestBooking(
  stack: Stack,
  client: Client,
  opts: {
    hoursAhead?: number;
    subtotal?: number;
    platformFee?: number;
    tip?: number;
    now?: Date;
    kind?: 'SESSION' | 'CONSULTATION';
  } = {},
): Promise<string> {
  const bookingId = randomUUID();
  const now = opts.now ?? stack.now();
  await emit(stack, 'booking.requested', {
    bookingId,
    clientId: client.uuid,
    kind: opts.kind ?? 'SESSION',
    requestedTherapistId: null,
    startsAt: new Date(now.getTime() + (opts.hoursAhead ?? 48) * 3_600_000).toISOString(),
    durationMinutes: 60,
    price: price(opts.subtotal ?? 12_000, opts.platformFee ?? 3_000, opts.tip ?? 0),
  });
  return bookingId;
}

export async function outboxEvents(stack: Stack, type: string, bookingId: string) {
  return stack.prisma.outboxEvent.findMany({ where: { type, aggregateId: bookingId } });
}
