// Issue 12 item 1 and finding 3: every money effect is a durable intent retried until Stripe
// confirms it, and a permanent failure takes a defined path (state, client, admin alert).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack } from '../harness/index.ts';
import {
  type Client,
  clientWithCard,
  emit,
  requestBooking,
  stripeOf,
  toBookingId,
  waitForPayment,
} from './helpers.ts';
import { unsettled } from './settlement.ts';
import { confirmAndComplete, heldBooking, paymentsSuite } from './setup.ts';

let stack: Stack;
let client: Client;
let therapist: Client;
let adminToken: string;

beforeAll(async () => {
  ({ stack, client, therapist, adminToken } = await paymentsSuite());
});
afterAll(() => stack?.close());

async function intentsOf(c: Client, bookingId: string) {
  const customer = await stack.prisma.paymentCustomer.findUniqueOrThrow({ where: { userId: c.uuid } });
  const list = await stripeOf(stack).paymentIntents.list({ customer: customer.stripeCustomerId, limit: 100 });
  return list.data.filter((pi) => pi.metadata.booking_id === bookingId);
}

const ALERTS = `query($open: Boolean) { paymentAlerts(first: 50, open: $open) {
  edges { node { id bookingId kind message stripeId resolvedAt } } pageInfo { hasNextPage } } }`;
type AlertNode = { bookingId: string | null; kind: string; message: string; stripeId: string | null };

async function alertsFor(bookingId: string): Promise<AlertNode[]> {
  const res = await stack.gql<{ paymentAlerts: { edges: { node: AlertNode }[] } }>(
    ALERTS,
    { open: true },
    { token: adminToken },
  );
  expect(res.errors, res.raw).toBeUndefined();
  return (res.data?.paymentAlerts.edges ?? [])
    .map((e) => e.node)
    .filter((n) => n.bookingId === toBookingId(bookingId));
}

describe('finding 3: Stripe errors never leave a live hold behind', () => {
  it('a hold whose answer was lost is cancelled at Stripe when the booking is cancelled first', {
    timeout: 120_000,
  }, async () => {
    // Stripe places the hold but the answer is lost (a 500 after it acted), and the SDK's own two
    // retries fail too: the hold job's attempt fails with a hold live at Stripe.
    await stack.stripe?.control.injectFault({ method: 'POST', path: '/v1/payment_intents', when: 'after' });
    await stack.stripe?.control.injectFault({ method: 'POST', path: '/v1/payment_intents', times: 2 });
    const bookingId = await requestBooking(stack, client);
    const [stray] = await eventually(async () => {
      const found = await intentsOf(client, bookingId);
      return found.length ? found : null;
    }, 'the hold Stripe placed');
    expect(stray?.status).toBe('requires_capture');
    expect((await stack.prisma.bookingPayment.findUnique({ where: { bookingId } }))?.status).toBe('PENDING');
    // The retry fails too (Stripe unreachable), so the cancellation lands before any hold is recorded.
    await stack.stripe?.control.injectFault({ method: 'POST', path: '/v1/payment_intents', times: 3 });

    await emit(stack, 'booking.cancelled', {
      bookingId,
      clientId: client.uuid,
      therapistId: null,
      actor: 'CLIENT',
      reason: 'CLIENT_REQUEST',
      fee: { amount: 0, currency: 'USD' },
      therapistShare: { amount: 0, currency: 'USD' },
    });
    await eventually(
      async () =>
        (await stack.prisma.bookingPayment.findUnique({ where: { bookingId } }))?.status === 'CANCELLED',
      'the payment cancelled',
      { timeoutMs: 100_000 },
    );
    const after = await eventually(
      async () => {
        const found = await intentsOf(client, bookingId);
        return found.every((pi) => pi.status === 'canceled') ? found : null;
      },
      'no live hold at Stripe',
      { timeoutMs: 30_000 },
    );
    expect(after.map((pi) => pi.id)).toEqual([stray?.id]);
  });
});

describe('a permanent failure takes a defined path', () => {
  it('a declined capture: the payment says so, the client is told in plain words, admins get an alert', async () => {
    const failing = await clientWithCard(stack, 'pm_card_captureFails');
    const bookingId = await heldBooking(stack, failing);
    await confirmAndComplete(stack, bookingId, failing, therapist);
    const p = await waitForPayment(
      stack,
      failing.accessToken,
      bookingId,
      (x) => x.status === 'CAPTURE_FAILED',
      'the capture to fail',
    );
    expect(p.failureReason).toMatch(/declined/i);
    expect(p.charged.amount).toBe(0);
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    expect(row.shareWaivedReason).toMatch(/Nothing could be charged/);

    const note = await stack.prisma.notification.findUnique({
      where: { dedupeKey: `charge-failed-${bookingId}` },
    });
    expect(note).toMatchObject({ userId: failing.uuid, template: 'payment-charge-failed' });
    expect(note?.payload).toMatchObject({ amount: { amount: 12_000, currency: 'USD' } });

    const alerts = await alertsFor(bookingId);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'CHARGE_FAILED', stripeId: row.paymentIntentId }),
    ]);
    expect(alerts[0]?.message).toContain('12000 USD');
    // The settlement invariant over every booking of this stack that ended.
    expect(await unsettled(stack)).toEqual([]);
  });

  it('payment alerts are for admins only', async () => {
    const res = await stack.gql(ALERTS, {}, { token: client.accessToken });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a tip whose answer Stripe lost', () => {
  it('can be added again and charges the card once', async () => {
    const bookingId = await heldBooking(stack, client);
    await confirmAndComplete(stack, bookingId, client, therapist);
    await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (p) => p.transferred.amount > 0,
      'the capture',
    );
    // Stripe charges the tip but its answer is lost, and the SDK's two retries fail too.
    await stack.stripe?.control.injectFault({ method: 'POST', path: '/v1/payment_intents', when: 'after' });
    await stack.stripe?.control.injectFault({ method: 'POST', path: '/v1/payment_intents', times: 2 });
    const TIP =
      'mutation($i: AddTipInput!) { addTip(input: $i) { payment { tip { amount } charged { amount } } } }';
    const vars = { i: { bookingId: toBookingId(bookingId), amount: 1_500 } };
    const lost = await stack.gql(TIP, vars, { token: client.accessToken });
    expect(lost.errors?.[0]?.extensions?.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    const again = await stack.gql<{
      addTip: { payment: { tip: { amount: number }; charged: { amount: number } } };
    }>(TIP, vars, { token: client.accessToken });
    expect(again.errors, again.raw).toBeUndefined();
    expect(again.data?.addTip.payment).toEqual({ tip: { amount: 1_500 }, charged: { amount: 13_500 } });
    const tips = (await intentsOf(client, bookingId)).filter((pi) => pi.metadata.kind === 'tip');
    expect(tips.map((pi) => pi.amount_received)).toEqual([1_500]);
    const third = await stack.gql(TIP, vars, { token: client.accessToken });
    expect(third.errors?.[0]?.extensions?.code).toBe('TIP_ALREADY_ADDED');
  });
});
