import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp } from '../harness/index.ts';
import {
  type Client,
  clientWithCard,
  emit,
  onboardedTherapist,
  outboxEvents,
  paymentOf,
  payoutStatus,
  requestBooking,
  stripeOf,
  toBookingId,
  userUuid,
  waitForPayment,
} from './helpers.ts';
import { confirmAndComplete, heldBooking, paymentsSuite } from './setup.ts';

let stack: Stack;
let client: Client;
let therapist: Client;
let adminToken: string;

beforeAll(async () => {
  ({ stack, client, therapist, adminToken } = await paymentsSuite());
});
afterAll(() => stack?.close());

const REFUND = `mutation($i: RefundPaymentInput!) {
  refundPayment(input: $i) { refund { amount { amount currency } status } payment { status refunded { amount } charged { amount } } }
}`;

describe('hold at booking', () => {
  it('authorises the price plus the preset tip on the saved card, manual capture, and tells booking', async () => {
    const bookingId = await heldBooking(stack, client, { tip: 1_800 });
    const res = await paymentOf(stack, client.accessToken, bookingId);
    expect(res.data?.bookingPayment).toMatchObject({
      status: 'HELD',
      held: { amount: 13_800, currency: 'USD' },
      charged: { amount: 0 },
    });
    const [placed] = await outboxEvents(stack, 'payment.hold_placed', bookingId);
    const pi = await stripeOf(stack).paymentIntents.retrieve(
      (placed?.payload as { paymentIntentId: string } | undefined)?.paymentIntentId ?? '',
    );
    expect(pi).toMatchObject({
      status: 'requires_capture',
      capture_method: 'manual',
      amount_capturable: 13_800,
      transfer_group: `booking_${bookingId}`,
    });
    expect(placed?.payload).toMatchObject({ bookingId, amount: { amount: 13_800, currency: 'USD' } });
  });

  it('a decline stops dispatch (hold_failed) and tells the client why', async () => {
    const declining = await clientWithCard(stack, 'pm_card_chargeCustomerFail');
    const bookingId = await requestBooking(stack, declining);
    const p = await waitForPayment(
      stack,
      declining.accessToken,
      bookingId,
      (x) => x.status === 'HOLD_FAILED',
      'decline',
    );
    expect(p.failureReason).toMatch(/declined.*another card/i);
    const [failed] = await outboxEvents(stack, 'payment.hold_failed', bookingId);
    expect(failed?.payload).toMatchObject({ bookingId, declineCode: 'generic_decline' });
    expect(await outboxEvents(stack, 'payment.hold_placed', bookingId)).toHaveLength(0);
    const note = await stack.prisma.notification.findUnique({
      where: { dedupeKey: `hold-failed-${bookingId}` },
    });
    expect(note?.userId).toBe(declining.uuid);
  });

  it('a client without a card gets a hold_failed saying to add one', async () => {
    const user = await signUp(stack, 'CLIENT');
    const bookingId = await requestBooking(stack, { ...user, uuid: userUuid(user.id) });
    const [failed] = await eventually(async () => {
      const rows = await outboxEvents(stack, 'payment.hold_failed', bookingId);
      return rows.length ? rows : null;
    }, 'hold_failed');
    expect(failed?.payload).toMatchObject({
      declineCode: 'no_saved_card',
      reason: expect.stringMatching(/Add a card/),
    });
  });

  it('bookings more than 6 days ahead are scheduled for 48 h before the start', async () => {
    const bookingId = await requestBooking(stack, client, { hoursAhead: 10 * 24 });
    const p = await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.status === 'SCHEDULED',
      'schedule',
    );
    const [scheduled] = await outboxEvents(stack, 'payment.hold_scheduled', bookingId);
    expect(scheduled?.payload).toMatchObject({ bookingId, authorizeAt: p.authorizeAt });
    const startsAt = stack.now().getTime() + 10 * 24 * 3_600_000;
    expect(Math.abs(new Date(p.authorizeAt as string).getTime() - (startsAt - 48 * 3_600_000))).toBeLessThan(
      60_000,
    );
    expect(await outboxEvents(stack, 'payment.hold_placed', bookingId)).toHaveLength(0);
  });

  it('a REFER releases the hold and charges nothing', async () => {
    const bookingId = await heldBooking(stack, client);
    await emit(stack, 'booking.blocked', {
      bookingId,
      clientId: client.uuid,
      outcome: 'REFER',
      stage: 'DAY_OF',
    });
    const p = await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.status === 'RELEASED',
      'release',
    );
    expect(p.charged.amount).toBe(0);
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    expect((await stripeOf(stack).paymentIntents.retrieve(row.paymentIntentId as string)).status).toBe(
      'canceled',
    );
  });

  it('a cancellation for a screening REFER is free even if a fee is sent', async () => {
    const bookingId = await heldBooking(stack, client);
    await emit(stack, 'booking.cancelled', {
      bookingId,
      clientId: client.uuid,
      therapistId: therapist.uuid,
      actor: 'SYSTEM',
      reason: 'SCREENING_REFER',
      fee: { amount: 6_000, currency: 'USD' },
      therapistShare: { amount: 3_000, currency: 'USD' },
    });
    const p = await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.status === 'RELEASED',
      'release',
    );
    expect(p.charged.amount).toBe(0);
  });
});

describe('capture at completion', () => {
  it('captures the hold with the preset tip, keeps the commission, transfers the rest; a tip can be added after', async () => {
    const bookingId = await heldBooking(stack, client, { tip: 1_800 });
    await confirmAndComplete(stack, bookingId, client, therapist);
    const p = await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.status === 'CAPTURED' && x.transferred.amount > 0,
      'capture and transfer',
    );
    expect(p).toMatchObject({
      charged: { amount: 13_800 },
      tip: { amount: 1_800 },
      platformFee: { amount: 3_000 },
      therapistAmount: { amount: 10_800 },
      transferred: { amount: 10_800 },
    });
    const stripe = stripeOf(stack);
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    expect(await stripe.paymentIntents.retrieve(row.paymentIntentId as string)).toMatchObject({
      status: 'succeeded',
      amount_received: 13_800,
    });
    const [captured] = await outboxEvents(stack, 'payment.captured', bookingId);
    expect(captured?.payload).toMatchObject({ amount: { amount: 13_800 }, tip: { amount: 1_800 } });

    const tip = await stack.gql<{
      addTip: { payment: { tip: { amount: number }; charged: { amount: number } } };
    }>(
      'mutation($i: AddTipInput!) { addTip(input: $i) { payment { tip { amount } charged { amount } transferred { amount } } } }',
      { i: { bookingId: toBookingId(bookingId), amount: 500 } },
      { token: client.accessToken },
    );
    expect(tip.data?.addTip.payment).toMatchObject({ tip: { amount: 2_300 }, charged: { amount: 14_300 } });
    const again = await stack.gql(
      'mutation($i: AddTipInput!) { addTip(input: $i) { payment { status } } }',
      { i: { bookingId: toBookingId(bookingId), amount: 500 } },
      { token: client.accessToken },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('TIP_ALREADY_ADDED');
    // The tip's transfer is a durable job written with the tip: it goes out after the commit.
    const transfers = await eventually(async () => {
      const list = await stripe.transfers.list({ transfer_group: `booking_${bookingId}` });
      return list.data.reduce((s, t) => s + t.amount, 0) === 11_300 ? list : null;
    }, 'the tip transferred');
    expect(transfers.data.map((t) => t.amount).sort((a, b) => a - b)).toEqual([500, 10_800]);
    expect(transfers.data.every((t) => t.destination === transfers.data[0]?.destination)).toBe(true);

    const settled = await eventually(async () => {
      const ledger = await stack.gql<{ bookingLedger: { settled: boolean } }>(
        'query($id: ID!) { bookingLedger(bookingId: $id) { settled balances { account balance { amount } } } }',
        { id: toBookingId(bookingId) },
        { token: adminToken },
      );
      return ledger.data?.bookingLedger.settled ? ledger.data.bookingLedger : null;
    }, 'the booking ledger settled (the tip transfer recorded)');
    expect(settled.settled).toBe(true);
    const receipts = await stack.gql<{ myReceipts: { edges: { node: { bookingId: string } }[] } }>(
      '{ myReceipts(first: 50) { edges { node { bookingId charged { amount } } } } }',
      {},
      { token: client.accessToken },
    );
    expect(receipts.data?.myReceipts.edges.map((e) => e.node.bookingId)).toContain(toBookingId(bookingId));
  });

  it('refuses a tip after the 24-hour window and from anyone but the client', async () => {
    const bookingId = await heldBooking(stack, client);
    await confirmAndComplete(stack, bookingId, client, therapist);
    await waitForPayment(stack, client.accessToken, bookingId, (x) => x.status === 'CAPTURED', 'capture');
    await stack.prisma.bookingPayment.update({
      where: { bookingId },
      data: { completedAt: new Date(stack.now().getTime() - 25 * 3_600_000) },
    });
    const late = await stack.gql(
      'mutation($i: AddTipInput!) { addTip(input: $i) { payment { status } } }',
      { i: { bookingId: toBookingId(bookingId), amount: 500 } },
      { token: client.accessToken },
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('TIP_WINDOW_CLOSED');
    const stranger = await signUp(stack, 'CLIENT');
    const other = await stack.gql(
      'mutation($i: AddTipInput!) { addTip(input: $i) { payment { status } } }',
      { i: { bookingId: toBookingId(bookingId), amount: 500 } },
      { token: stranger.accessToken },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('cancellation and no-show fees', () => {
  it('late cancel: captures the policy fee, releases the rest, pays the therapist their share', async () => {
    const bookingId = await heldBooking(stack, client, { tip: 1_800 });
    await emit(stack, 'booking.cancelled', {
      bookingId,
      clientId: client.uuid,
      therapistId: therapist.uuid,
      actor: 'CLIENT',
      reason: 'CLIENT_REQUEST',
      fee: { amount: 6_000, currency: 'USD' },
      therapistShare: { amount: 3_000, currency: 'USD' },
    });
    const p = await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.status === 'CAPTURED' && x.transferred.amount === 3_000,
      'fee capture',
    );
    expect(p).toMatchObject({
      charged: { amount: 6_000 },
      tip: { amount: 0 },
      platformFee: { amount: 3_000 },
    });
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    const pi = await stripeOf(stack).paymentIntents.retrieve(row.paymentIntentId as string);
    expect(pi).toMatchObject({ status: 'succeeded', amount_received: 6_000, amount_capturable: 0 });
  });

  it('a free cancellation releases the whole hold', async () => {
    const bookingId = await heldBooking(stack, client);
    await emit(stack, 'booking.cancelled', {
      bookingId,
      clientId: client.uuid,
      therapistId: null,
      actor: 'CLIENT',
      reason: 'CLIENT_REQUEST',
      fee: { amount: 0, currency: 'USD' },
      therapistShare: { amount: 0, currency: 'USD' },
    });
    await waitForPayment(stack, client.accessToken, bookingId, (x) => x.status === 'RELEASED', 'release');
  });

  it('no-show: captures the no-show fee and pays the therapist who waited', async () => {
    const bookingId = await heldBooking(stack, client);
    await emit(stack, 'booking.no_show', {
      bookingId,
      clientId: client.uuid,
      therapistId: therapist.uuid,
      fee: { amount: 12_000, currency: 'USD' },
      therapistShare: { amount: 9_000, currency: 'USD' },
    });
    const p = await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.status === 'CAPTURED' && x.transferred.amount === 9_000,
      'no-show fee',
    );
    expect(p.charged.amount).toBe(12_000);
  });
});

describe('admin refunds', () => {
  it('refunds partially, refuses more than is left, then refunds the rest; the therapist part is reversed', async () => {
    const bookingId = await heldBooking(stack, client, { tip: 1_800 });
    await confirmAndComplete(stack, bookingId, client, therapist);
    await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.transferred.amount === 10_800,
      'transfer',
    );
    const id = toBookingId(bookingId);

    const byClient = await stack.gql(
      REFUND,
      { i: { bookingId: id, amount: 100, reason: 'nope' } },
      { token: client.accessToken },
    );
    expect(byClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const partial = await stack.gql<{
      refundPayment: { refund: { status: string }; payment: { refunded: { amount: number } } };
    }>(REFUND, { i: { bookingId: id, amount: 5_000, reason: 'Session cut short' } }, { token: adminToken });
    expect(partial.data?.refundPayment).toMatchObject({
      refund: { status: 'SUCCEEDED' },
      payment: { refunded: { amount: 5_000 } },
    });

    const over = await stack.gql(
      REFUND,
      { i: { bookingId: id, amount: 9_000, reason: 'Too much' } },
      { token: adminToken },
    );
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED' });
    expect(over.errors?.[0]?.message).toMatch(/At most 8800/);

    const rest = await stack.gql<{ refundPayment: { refund: { amount: { amount: number } } } }>(
      REFUND,
      { i: { bookingId: id, reason: 'Goodwill: refund everything' } },
      { token: adminToken },
    );
    expect(rest.data?.refundPayment.refund.amount.amount).toBe(8_800);
    const nothing = await stack.gql(
      REFUND,
      { i: { bookingId: id, amount: 1, reason: 'Again' } },
      { token: adminToken },
    );
    expect(nothing.errors?.[0]?.extensions?.code).toBe('REFUND_EXCEEDS_CAPTURED');

    const stripe = stripeOf(stack);
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    const charge = await stripe.charges.retrieve(row.chargeId as string);
    expect(charge).toMatchObject({ amount_captured: 13_800, amount_refunded: 13_800, refunded: true });
    const transfer = await stripe.transfers.retrieve(row.transferId as string);
    expect(transfer.amount_reversed).toBe(10_800);
    expect(await outboxEvents(stack, 'payment.refunded', bookingId)).toHaveLength(2);
    const ledger = await stack.gql<{
      bookingLedger: { settled: boolean; balances: { account: string; balance: { amount: number } }[] };
    }>(
      'query($id: ID!) { bookingLedger(bookingId: $id) { settled balances { account balance { amount } } } }',
      { id },
      { token: adminToken },
    );
    const bal = Object.fromEntries(
      ledger.data?.bookingLedger.balances.map((b) => [b.account, b.balance.amount]) ?? [],
    );
    expect(ledger.data?.bookingLedger.settled).toBe(true);
    expect(bal['platform.cash'] ?? 0).toBe(0);
    expect(bal['platform.revenue'] ?? 0).toBe(0);
    expect(bal['therapist.earnings'] ?? 0).toBe(0);
  });

  it('two concurrent refunds never exceed what was charged', async () => {
    const bookingId = await heldBooking(stack, client);
    await confirmAndComplete(stack, bookingId, client, therapist);
    await waitForPayment(stack, client.accessToken, bookingId, (x) => x.status === 'CAPTURED', 'capture');
    const id = toBookingId(bookingId);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        stack.gql(REFUND, { i: { bookingId: id, amount: 5_000, reason: 'Race' } }, { token: adminToken }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(2);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'REFUND_EXCEEDS_CAPTURED')).toHaveLength(
      1,
    );
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    const charge = await stripeOf(stack).charges.retrieve(row.chargeId as string);
    expect(charge.amount_refunded).toBe(10_000);
  });

  it('a booking that was never charged cannot be refunded', async () => {
    const bookingId = await heldBooking(stack, client);
    const res = await stack.gql(
      REFUND,
      { i: { bookingId: toBookingId(bookingId), reason: 'Test' } },
      { token: adminToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('PAYMENT_NOT_CAPTURED');
  });
});

describe('therapist payouts', () => {
  it('a therapist without payouts is owed, not paid, until onboarding completes; booking hears about it', async () => {
    const pending = await onboardedTherapist(stack, false);
    expect(await payoutStatus(stack, pending.accessToken)).toBe('PENDING');
    const bookingId = await heldBooking(stack, client);
    await confirmAndComplete(stack, bookingId, client, pending);
    await waitForPayment(stack, client.accessToken, bookingId, (x) => x.status === 'CAPTURED', 'capture');
    const earnings = async () =>
      (
        await stack.gql<{ myEarnings: { owed: { amount: number }; earned: { amount: number } } }>(
          '{ myEarnings { owed { amount } earned { amount } onStripe { amount } payoutAccount { status } } }',
          {},
          { token: pending.accessToken },
        )
      ).data?.myEarnings;
    expect(await earnings()).toMatchObject({ owed: { amount: 9_000 }, earned: { amount: 0 } });
    const stripe = stripeOf(stack);
    expect((await stripe.transfers.list({ transfer_group: `booking_${bookingId}` })).data).toHaveLength(0);

    const account = await stack.prisma.payoutAccount.findUniqueOrThrow({
      where: { therapistId: pending.uuid },
    });
    await stack.stripe?.control.setAccountCapabilities(account.stripeAccountId, {
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
    });
    await eventually(async () => (await earnings())?.earned.amount === 9_000, 'the owed transfer');
    expect(await earnings()).toMatchObject({ owed: { amount: 0 } });
    const updates = await stack.prisma.outboxEvent.findMany({
      where: { type: 'payout.account_updated', aggregateId: pending.uuid },
    });
    expect(updates.map((u) => u.payload)).toContainEqual({
      therapistId: pending.uuid,
      payoutsEnabled: true,
      chargesEnabled: true,
    });
  });

  it('pays out the therapist’s Stripe balance and records it', async () => {
    const t = await onboardedTherapist(stack);
    const bookingId = await heldBooking(stack, client);
    await confirmAndComplete(stack, bookingId, client, t);
    await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (x) => x.transferred.amount === 9_000,
      'transfer',
    );
    const { Queue } = await import('bullmq');
    const ops = new Queue('payments-ops', { connection: stack.redis, prefix: stack.config.QUEUE_PREFIX });
    await ops.add('payouts', { kind: 'payouts' }, { jobId: `payouts-test-${randomUUID()}` });
    await ops.close();
    const earned = await eventually(async () => {
      const res = await stack.gql<{
        myEarnings: { paidOut: { amount: number }; onStripe: { amount: number } };
      }>('{ myEarnings { paidOut { amount } onStripe { amount } } }', {}, { token: t.accessToken });
      return res.data?.myEarnings.paidOut.amount === 9_000 ? res.data.myEarnings : null;
    }, 'the payout');
    expect(earned.onStripe.amount).toBe(0);
  });
});
