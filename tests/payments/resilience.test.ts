import { Queue } from 'bullmq';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, suiteNow, TestClock } from '../harness/index.ts';
import {
  type Client,
  emit,
  outboxEvents,
  requestBooking,
  stripeOf,
  toBookingId,
  waitForPayment,
} from './helpers.ts';
import { emitCompleted, heldBooking, paymentsSuite } from './setup.ts';

let stack: Stack;
let client: Client;
let therapist: Client;
let adminToken: string;
const clock = new TestClock(suiteNow());

beforeAll(async () => {
  ({ stack, client, therapist, adminToken } = await paymentsSuite({ now: clock.now }));
});
afterAll(() => stack?.close());

const webhookUrl = () => (stack.subgraphs.payments?.url ?? '').replace(/\/graphql$/, '/webhooks/stripe');

async function postWebhook(payload: string, signature: string) {
  return fetch(webhookUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
}

/** Everything webhooks could change: the ledger, payment and account states, emitted events. */
async function snapshot() {
  const ledger = await stack.prisma.ledgerTransaction.findMany({
    include: { postings: { select: { account: true, amount: true, currency: true } } },
    orderBy: { reference: 'asc' },
  });
  const payments = await stack.prisma.bookingPayment.findMany({ orderBy: { bookingId: 'asc' } });
  const accounts = await stack.prisma.payoutAccount.findMany({ orderBy: { therapistId: 'asc' } });
  const customers = await stack.prisma.paymentCustomer.findMany({ orderBy: { userId: 'asc' } });
  const events = await stack.prisma.outboxEvent.groupBy({
    by: ['type'],
    _count: true,
    orderBy: { type: 'asc' },
  });
  return {
    ledger: ledger.map((t) => ({
      reference: t.reference,
      kind: t.kind,
      postings: [...t.postings].sort((a, b) => a.account.localeCompare(b.account) || a.amount - b.amount),
    })),
    payments: payments.map(({ updatedAt: _u, ...rest }) => rest),
    accounts: accounts.map(({ updatedAt: _u, ...rest }) => rest),
    customers: customers.map(({ updatedAt: _u, ...rest }) => rest),
    events,
  };
}

describe('idempotency against Stripe failures', () => {
  it('a capture retried after an injected 500 charges once', async () => {
    const bookingId = await heldBooking(stack, client, { tip: 1_000 });
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    // The capture executes on Stripe, then every answer (first try and SDK retries) is a 500:
    // the job fails and is retried by the queue with the same idempotency key.
    await stack.stripe?.control.injectFault({
      method: 'POST',
      path: `/v1/payment_intents/${row.paymentIntentId}/capture`,
      status: 500,
      when: 'after',
      times: 3,
    });
    await emitCompleted(stack, bookingId, client, therapist);
    const p = await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.status === 'CAPTURED' && x.transferred.amount > 0,
      'the capture after retries',
    );
    expect(p.charged.amount).toBe(13_000);
    const stripe = stripeOf(stack);
    const captures = await stripe.events.list({ type: 'charge.captured', limit: 100 });
    expect(
      captures.data.filter((e) => (e.data.object as Stripe.Charge).payment_intent === row.paymentIntentId),
    ).toHaveLength(1);
    expect((await stripe.paymentIntents.retrieve(row.paymentIntentId as string)).amount_received).toBe(
      13_000,
    );
    const transfers = await stripe.transfers.list({ transfer_group: `booking_${bookingId}` });
    expect(transfers.data).toHaveLength(1);
    expect(await stack.prisma.ledgerTransaction.count({ where: { bookingId, kind: 'CAPTURE' } })).toBe(1);
    expect(await outboxEvents(stack, 'payment.captured', bookingId)).toHaveLength(1);
  });

  it('a hold retried after a dropped connection authorises once', async () => {
    await stack.stripe?.control.injectFault({
      method: 'POST',
      path: '/v1/payment_intents',
      reset: true,
      when: 'after',
      times: 1,
    });
    const bookingId = await heldBooking(stack, client);
    const intents = await stripeOf(stack).paymentIntents.list({ limit: 100 });
    expect(intents.data.filter((pi) => pi.metadata.booking_id === bookingId)).toHaveLength(1);
  });
});

describe('deferred holds', () => {
  it('authorises a far-ahead booking once its time comes (48 h before)', async () => {
    const bookingId = await requestBooking(stack, client, { hoursAhead: 10 * 24, now: clock.now() });
    await waitForPayment(stack, client.accessToken, bookingId, (p) => p.status === 'SCHEDULED', 'schedule');
    clock.advance(8 * 24 * 3_600_000 + 60_000);
    const ops = new Queue('payments-ops', { connection: stack.redis, prefix: stack.config.QUEUE_PREFIX });
    await ops.add('due-holds', { kind: 'due-holds' }, { jobId: `due-holds-test-${bookingId}` });
    await ops.close();
    await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (p) => p.status === 'HELD',
      'the deferred hold',
    );
    clock.set(suiteNow());
  });
});

describe('webhooks', () => {
  it('refuses a forged or tampered signature with 400 and records nothing', async () => {
    const payload = JSON.stringify({
      id: 'evt_forged_1',
      object: 'event',
      type: 'account.updated',
      data: { object: { id: 'acct_x' } },
    });
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_secret' });
    expect((await postWebhook(payload, forged)).status).toBe(400);
    const good = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: stack.config.STRIPE_WEBHOOK_SECRET as string,
    });
    expect((await postWebhook(payload.replace('acct_x', 'acct_y'), good)).status).toBe(400);
    expect((await postWebhook(payload, 't=1,v1=deadbeef')).status).toBe(400);
    expect(
      (
        await fetch(webhookUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: payload,
        })
      ).status,
    ).toBe(400);
    expect(await stack.prisma.stripeWebhookEvent.count({ where: { id: 'evt_forged_1' } })).toBe(0);
  });

  it('every webhook delivered three times in shuffled order leaves the same ledger and states', async () => {
    // Flows run with delivery paused, so the service first sees these events in our shuffled replay.
    await stack.stripe?.control.pauseWebhooks();
    const completed = await heldBooking(stack, client, { tip: 1_500 });
    await emitCompleted(stack, completed, client, therapist);
    const cancelled = await heldBooking(stack, client);
    await emit(stack, 'booking.cancelled', {
      bookingId: cancelled,
      clientId: client.uuid,
      therapistId: therapist.uuid,
      actor: 'CLIENT',
      reason: 'CLIENT_REQUEST',
      fee: { amount: 6_000, currency: 'USD' },
      therapistShare: { amount: 3_000, currency: 'USD' },
    });
    const released = await heldBooking(stack, client);
    await emit(stack, 'booking.expired', { bookingId: released, clientId: client.uuid });
    await waitForPayment(
      stack,
      client.accessToken,
      completed,
      (p) => p.transferred.amount === 10_500,
      'completion',
    );
    await waitForPayment(stack, client.accessToken, cancelled, (p) => p.transferred.amount === 3_000, 'fee');
    await waitForPayment(stack, client.accessToken, released, (p) => p.status === 'RELEASED', 'release');
    await stack.gql(
      'mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { refund { status } } }',
      { i: { bookingId: toBookingId(completed), amount: 2_000, reason: 'Late arrival' } },
      { token: adminToken },
    );
    // Let the queues go quiet, then take the reference state.
    await new Promise((r) => setTimeout(r, 500));
    const before = await snapshot();

    const all: Stripe.Event[] = [];
    for await (const e of stripeOf(stack).events.list({ limit: 100 })) all.push(e);
    expect(all.length).toBeGreaterThan(20);
    const deliveries = [...all, ...all, ...all];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j] as Stripe.Event, deliveries[i] as Stripe.Event];
    }
    const secret = stack.config.STRIPE_WEBHOOK_SECRET as string;
    const statuses = await Promise.all(
      deliveries.map(async (e) => {
        const payload = JSON.stringify(e);
        return (await postWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret })))
          .status;
      }),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const ids = new Set(all.map((e) => e.id));
    await eventually(async () => {
      const processed = await stack.prisma.stripeWebhookEvent.count({
        where: { id: { in: [...ids] }, processedAt: { not: null } },
      });
      return processed === ids.size;
    }, 'every event processed once');
    expect(await stack.prisma.stripeWebhookEvent.count({ where: { id: { in: [...ids] } } })).toBe(ids.size);
    expect(await snapshot()).toEqual(before);
    await stack.stripe?.control.resumeWebhooks();
  });
});

describe('ledger', () => {
  it('balances to zero for every completed booking, and reconciles with Stripe', async () => {
    const extra = await heldBooking(stack, client, { tip: 700 });
    await emitCompleted(stack, extra, client, therapist);
    await waitForPayment(stack, client.accessToken, extra, (p) => p.transferred.amount === 9_700, 'transfer');
    const completed = await stack.prisma.bookingPayment.findMany({
      where: { settlement: 'FULL', status: 'CAPTURED' },
    });
    expect(completed.length).toBeGreaterThanOrEqual(3);
    for (const row of completed) {
      const res = await stack.gql<{ bookingLedger: { settled: boolean } }>(
        'query($id: ID!) { bookingLedger(bookingId: $id) { settled } }',
        { id: toBookingId(row.bookingId) },
        { token: adminToken },
      );
      expect(res.data?.bookingLedger.settled, row.bookingId).toBe(true);
    }
    const sums = await stack.prisma.$queryRaw<
      { total: bigint }[]
    >`SELECT COALESCE(SUM(amount), 0)::bigint AS total FROM payments.ledger_postings`;
    expect(Number(sums[0]?.total)).toBe(0);
    const run = await stack.gql<{
      runReconciliation: { report: { checked: number; differences: unknown[] } };
    }>(
      'mutation { runReconciliation { report { checked differences { bookingId check ledger stripe detail } } } }',
      {},
      { token: adminToken },
    );
    expect(run.data?.runReconciliation.report.differences).toEqual([]);
    expect(run.data?.runReconciliation.report.checked).toBeGreaterThan(3);
    const platform = await stack.gql<{ platformLedger: { account: string; balance: { amount: number } }[] }>(
      '{ platformLedger { account balance { amount currency } } }',
      {},
      { token: adminToken },
    );
    expect(
      platform.data?.platformLedger.find((b) => b.account === 'platform.revenue')?.balance.amount,
    ).toBeLessThan(0);
  });

  it('reports a difference when the ledger and Stripe disagree', async () => {
    const bookingId = await heldBooking(stack, client);
    await emitCompleted(stack, bookingId, client, therapist);
    await waitForPayment(stack, client.accessToken, bookingId, (p) => p.transferred.amount > 0, 'transfer');
    // A refund made in the Stripe dashboard, outside our flows.
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    await stripeOf(stack).refunds.create({ charge: row.chargeId as string, amount: 1_000 });
    const run = await stack.gql<{
      runReconciliation: {
        report: { differences: { bookingId: string; check: string; ledger: number; stripe: number }[] };
      };
    }>(
      'mutation { runReconciliation { report { differences { bookingId check ledger stripe } } } }',
      {},
      { token: adminToken },
    );
    expect(run.data?.runReconciliation.report.differences).toContainEqual({
      bookingId: toBookingId(bookingId),
      check: 'REFUNDED',
      ledger: 0,
      stripe: 1_000,
    });
    const latest = await stack.gql<{ reconciliationReport: { differences: unknown[] } }>(
      '{ reconciliationReport { differences { check } } }',
      {},
      { token: adminToken },
    );
    expect(latest.data?.reconciliationReport.differences).toHaveLength(1);
  });
});
