// Issue 12 item 2 and finding 2 through the gateway: a visit cannot run ahead of its
// booked time, and a session never starts (or completes) without the card held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, passDayOfCheck, type Stack, TestClock } from '../harness/index.ts';
import { confirmedBooking, gatewaySuite, HOUR, visit } from './gateway.ts';
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

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const paymentRow = (bookingId: string) => stack.prisma.bookingPayment.findUnique({ where: { bookingId } });

describe('visit timing', () => {
  it('finding 2: a session booked a week ahead cannot be walked today, and when it runs it is charged', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const booking = await confirmedBooking(stack, clock, client, therapist, 7 * 24 * HOUR);
    const startsAt = (await stack.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } }))
      .startsAt;
    // More than 6 days ahead: the card is authorized 48 h before, not now.
    expect((await paymentRow(booking.bookingId))?.status).toBe('SCHEDULED');

    const early = await visit(stack, therapist, booking, 'startEnRoute');
    expect(codeOf(early)).toBe('EN_ROUTE_TOO_EARLY');
    expect(early.errors?.[0]?.extensions).toMatchObject({
      earliestAt: new Date(startsAt.getTime() - 2 * HOUR).toISOString(),
    });
    expect(codeOf(await visit(stack, therapist, booking, 'arriveAtBooking'))).toBe('ARRIVAL_TOO_EARLY');
    expect(codeOf(await visit(stack, therapist, booking, 'startSession'))).toBe('ILLEGAL_TRANSITION');

    // The first authorizations fail (Stripe answers 500), so the hold is not there when the session would start.
    await stack.stripe?.control.injectFault({ method: 'POST', path: '/v1/payment_intents', times: 4 });
    clock.set(new Date(startsAt.getTime() - 2 * HOUR));
    expect((await visit(stack, therapist, booking, 'startEnRoute')).errors).toBeUndefined();
    expect(codeOf(await visit(stack, therapist, booking, 'arriveAtBooking'))).toBe('ARRIVAL_TOO_EARLY');
    clock.set(new Date(startsAt.getTime() - 15 * 60_000));
    expect((await visit(stack, therapist, booking, 'arriveAtBooking')).errors).toBeUndefined();
    await passDayOfCheck(stack, therapist.accessToken, booking.globalId);

    const notHeld = await visit(stack, therapist, booking, 'startSession');
    expect(codeOf(notHeld), notHeld.raw).toBe('PAYMENT_NOT_HELD');
    expect(notHeld.errors?.[0]?.message).toMatch(/being authorized.*try starting again/);
    const asked = await stack.prisma.outboxEvent.findMany({
      where: { type: 'booking.authorization_requested', aggregateId: booking.bookingId },
    });
    expect(asked).toHaveLength(1);

    // Retried, the start goes through once payments has held the card.
    await eventually(
      async () => !(await visit(stack, therapist, booking, 'startSession')).errors,
      'the session to start once the card is held',
      { timeoutMs: 60_000 },
    );
    expect((await paymentRow(booking.bookingId))?.status).toBe('HELD');
    clock.advanceMinutes(60);
    expect((await visit(stack, therapist, booking, 'completeSession')).errors).toBeUndefined();

    const charged = await eventually(async () => {
      const p = await paymentRow(booking.bookingId);
      return p?.status === 'CAPTURED' && p.transferredAmount > 0 ? p : null;
    }, 'the completed session charged and the therapist paid');
    const intent = await stripeOf(stack).paymentIntents.retrieve(charged.paymentIntentId as string);
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: charged.capturedAmount });
    expect(charged.capturedAmount).toBeGreaterThanOrEqual(12_000);
    // One hold at Stripe for the booking, whichever job placed it.
    const intents = await stripeOf(stack).paymentIntents.list({ limit: 100 });
    expect(intents.data.filter((pi) => pi.metadata.booking_id === booking.bookingId)).toHaveLength(1);
    // The settlement invariant over every booking of this stack that ended.
    expect(await unsettled(stack)).toEqual([]);
  });

  it('a session whose card was never held, long past its start, is refused with the reason', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const booking = await confirmedBooking(stack, clock, client, therapist, 7 * 24 * HOUR);
    const { startsAt } = await stack.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } });
    // Every authorization fails for now: nothing is held when the therapist finally gets there.
    await stack.stripe?.control.injectFault({ method: 'POST', path: '/v1/payment_intents', times: 50 });
    clock.set(new Date(startsAt.getTime() + 30 * 60_000));
    expect((await visit(stack, therapist, booking, 'startEnRoute')).errors).toBeUndefined();
    expect((await visit(stack, therapist, booking, 'arriveAtBooking')).errors).toBeUndefined();
    await passDayOfCheck(stack, therapist.accessToken, booking.globalId);
    clock.set(new Date(startsAt.getTime() + 61 * 60_000));
    const closed = await visit(stack, therapist, booking, 'startSession');
    expect(codeOf(closed), closed.raw).toBe('PAYMENT_AUTHORIZATION_CLOSED');
    expect(closed.errors?.[0]?.message).toMatch(/never authorized.*book again/);
    await stack.stripe?.control.clearFaults();
  });
});
