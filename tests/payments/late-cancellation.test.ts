// Issue 12 finding 1 through the gateway (booking + payments + the local Stripe server):
// a late cancellation captures the fee and the therapist's share of it is transferred.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, TestClock } from '../harness/index.ts';
import { confirmedBooking, gatewaySuite, HOUR } from './gateway.ts';
import { type Client, stripeOf } from './helpers.ts';
import { unsettled } from './settlement.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let client: Client;
let therapist: Client;

beforeAll(async () => {
  ({ stack, client, therapist } = await gatewaySuite(clock));
}, 120_000);
afterAll(() => stack?.close());

const CANCEL = `mutation C($input: BookingIdInput!) { cancelBooking(input: $input) {
  cancellation { window fee { amount } therapistShare { amount } } } }`;

describe('late cancellation fee', () => {
  it('captures the fee, transfers the therapist’s share, and the booking’s ledger settles to zero', async () => {
    const booking = await confirmedBooking(stack, clock, client, therapist, 6 * HOUR);
    const { subtotal } = await stack.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } });
    expect(subtotal).toBe(12_000);
    clock.advanceMinutes(20);
    const res = await stack.gql<{
      cancelBooking: {
        cancellation: { window: string; fee: { amount: number }; therapistShare: { amount: number } };
      };
    }>(CANCEL, { input: { bookingId: booking.globalId } }, { token: client.accessToken });
    expect(res.data?.cancelBooking.cancellation, res.raw).toEqual({
      window: 'LATE',
      fee: { amount: 6_000 },
      therapistShare: { amount: 4_200 },
    });

    const paid = await eventually(
      async () => {
        const p = await stack.prisma.bookingPayment.findUnique({ where: { bookingId: booking.bookingId } });
        return p?.status === 'CAPTURED' && p.transferredAmount === 4_200 ? p : null;
      },
      'the fee captured and the share transferred',
      { timeoutMs: 30_000 },
    );
    expect(paid).toMatchObject({ capturedAmount: 6_000, therapistAmount: 4_200 });

    // The share was written as a durable transfer job in the capture's transaction.
    const jobs = await stack.prisma.outboxJob.findMany({ where: { jobId: `transfer-${booking.bookingId}` } });
    expect(jobs.map((j) => j.name)).toEqual(['transfer']);

    const stripe = stripeOf(stack);
    const transfers = await stripe.transfers.list({ transfer_group: `booking_${booking.bookingId}` });
    expect(transfers.data.map((t) => t.amount)).toEqual([4_200]);
    const intent = await stripe.paymentIntents.retrieve(paid.paymentIntentId as string);
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 6_000 });

    // Every account of the booking is back to zero except cash, revenue and the therapist's balance.
    const balances = await stack.prisma.ledgerPosting.groupBy({
      by: ['account'],
      where: { bookingId: booking.bookingId },
      _sum: { amount: true },
    });
    const of = (account: string) => balances.find((b) => b.account === account)?._sum.amount ?? 0;
    expect(of('booking.clearing')).toBe(0);
    expect(of('therapist.payable')).toBe(0);
    expect(of('hold.authorized')).toBe(0);
    expect(of('platform.revenue')).toBe(-1_800);
    expect(of('therapist.connected')).toBe(4_200);
    // The settlement invariant over every booking of this stack that ended.
    expect(await unsettled(stack)).toEqual([]);
  });
});
