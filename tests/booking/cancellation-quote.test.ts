// Issue 12 item 6 through the gateway: before cancelling, the client sees the fee, the
// refund, the therapist's share and the policy window, and cancelling then costs exactly that.
import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import {
  clientWithIntake,
  registerTherapist,
  searchingBooking,
  type TestTherapist,
  testModules,
  therapistIdentity,
} from './helpers.ts';

const START = '2026-11-23T15:00:00.000Z';
const HOUR = 3_600_000;
const clock = new TestClock(START);
let stack: Stack;
let modules: ReturnType<typeof testModules>;
let therapist: TestTherapist;
let client: TestUser;

const QUOTE = `query Q($id: ID!) { cancellationQuote(bookingId: $id) {
  bookingId window feeBps fee { amount currency } refund { amount currency } therapistShare { amount currency }
  explanation policyVersion quotedAt } }`;
const CANCEL = `mutation C($input: BookingIdInput!) { cancelBooking(input: $input) {
  booking { state } cancellation { window fee { amount } therapistShare { amount } policyVersion explanation } } }`;

interface QuoteOut {
  bookingId: string;
  window: string;
  feeBps: number;
  fee: { amount: number; currency: string };
  refund: { amount: number; currency: string };
  therapistShare: { amount: number; currency: string };
  explanation: string;
  policyVersion: string;
  quotedAt: string;
}

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  modules = testModules(stack, clock);
  therapist = await therapistIdentity(stack);
  await registerTherapist(stack, therapist.id, { km: 0.2 });
  client = await clientWithIntake(stack, clock);
});
afterAll(async () => {
  await modules?.close();
  await stack?.close();
});

async function confirmed(startsInHours: number) {
  const startsAt = new Date(clock.now().getTime() + startsInHours * HOUR).toISOString();
  const booking = await searchingBooking(stack, clock, client, { startsAt });
  const offer = await eventually(
    () =>
      stack.prisma.offer.findFirst({
        where: { bookingId: booking.bookingId, therapistId: therapist.id, status: 'OPEN' },
      }),
    'offer to the therapist',
  );
  const accepted = await stack.gql(
    `mutation A($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`,
    { input: { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications: true } },
    { token: therapist.token },
  );
  expect(accepted.errors).toBeUndefined();
  return booking;
}

async function quote(globalId: string, token = client.accessToken) {
  const res = await stack.gql<{ cancellationQuote: QuoteOut }>(QUOTE, { id: globalId }, { token });
  expect(res.errors, res.raw).toBeUndefined();
  return res.data!.cancellationQuote;
}

const subtotalOf = async (bookingId: string) =>
  (await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).subtotal;

/** Quotes, checks nothing changed, cancels, and checks the cancellation is the quote. */
async function quoteThenCancel(booking: { bookingId: string; globalId: string }) {
  const q = await quote(booking.globalId);
  const before = await stack.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } });
  expect(before.state).not.toBe('CANCELLED');
  expect(before.cancellation).toBeNull();
  const res = await stack.gql<{
    cancelBooking: {
      booking: { state: string };
      cancellation: {
        window: string;
        fee: { amount: number };
        therapistShare: { amount: number };
        policyVersion: string;
        explanation: string;
      };
    };
  }>(CANCEL, { input: { bookingId: booking.globalId } }, { token: client.accessToken });
  expect(res.errors, res.raw).toBeUndefined();
  expect(res.data?.cancelBooking.cancellation).toEqual({
    window: q.window,
    fee: { amount: q.fee.amount },
    therapistShare: { amount: q.therapistShare.amount },
    policyVersion: q.policyVersion,
    explanation: q.explanation,
  });
  expect(q.fee.amount + q.refund.amount).toBe(await subtotalOf(booking.bookingId));
  return q;
}

describe('cancellationQuote', () => {
  it('no therapist yet: NOT_CONFIRMED, no fee, everything released', async () => {
    clock.set(START);
    const booking = await searchingBooking(stack, clock, client);
    const subtotal = await subtotalOf(booking.bookingId);
    const q = await quoteThenCancel(booking);
    expect(q).toMatchObject({
      bookingId: booking.globalId,
      window: 'NOT_CONFIRMED',
      feeBps: 0,
      fee: { amount: 0, currency: 'USD' },
      refund: { amount: subtotal, currency: 'USD' },
      therapistShare: { amount: 0 },
      policyVersion: expect.any(String),
    });
    expect(new Date(q.quotedAt).toISOString()).toBe(clock.now().toISOString());
  });

  it('24 hours or more before the start: FREE', async () => {
    clock.set(START);
    const booking = await confirmed(30);
    clock.advanceMinutes(20);
    const subtotal = await subtotalOf(booking.bookingId);
    const q = await quoteThenCancel(booking);
    expect(q).toMatchObject({ window: 'FREE', feeBps: 0, fee: { amount: 0 }, refund: { amount: subtotal } });
  });

  it('within 10 minutes of confirmation, however late: GRACE, no fee', async () => {
    clock.set(START);
    const booking = await confirmed(3);
    clock.advanceMinutes(10);
    const q = await quoteThenCancel(booking);
    expect(q).toMatchObject({ window: 'GRACE', feeBps: 0, fee: { amount: 0 } });
  });

  it('less than 24 hours before: LATE, 50 %, 70 % of it to the therapist, the rest refunded', async () => {
    clock.set(START);
    const booking = await confirmed(3);
    clock.advanceMinutes(20);
    const subtotal = await subtotalOf(booking.bookingId);
    const q = await quoteThenCancel(booking);
    const fee = Math.round(subtotal / 2);
    expect(q).toMatchObject({
      window: 'LATE',
      feeBps: 5_000,
      fee: { amount: fee },
      refund: { amount: subtotal - fee },
      therapistShare: { amount: Math.round(fee * 0.7) },
    });
    expect(q.explanation).toMatch(/less than 24 hours/);
  });

  it('less than 2 hours before: VERY_LATE, the whole price, 70 % to the therapist', async () => {
    clock.set(START);
    const booking = await confirmed(3);
    clock.advanceMinutes(90);
    const subtotal = await subtotalOf(booking.bookingId);
    const q = await quoteThenCancel(booking);
    expect(q).toMatchObject({
      window: 'VERY_LATE',
      feeBps: 10_000,
      fee: { amount: subtotal },
      refund: { amount: 0 },
      therapistShare: { amount: Math.round(subtotal * 0.7) },
    });
  });

  it('the quote moves with the clock: the same booking crosses from LATE to VERY_LATE', async () => {
    clock.set(START);
    const booking = await confirmed(3);
    clock.advanceMinutes(59);
    expect((await quote(booking.globalId)).window).toBe('LATE');
    clock.advanceMinutes(2);
    expect((await quote(booking.globalId)).window).toBe('VERY_LATE');
    // Quoting changed nothing: the booking is still confirmed and can be cancelled at that price.
    expect((await quoteThenCancel(booking)).window).toBe('VERY_LATE');
  });

  it('the assigned therapist sees their own withdrawal terms; strangers see nothing; a cancelled booking has none', async () => {
    clock.set(START);
    const booking = await confirmed(3);
    expect(await quote(booking.globalId, therapist.token)).toMatchObject({
      window: 'THERAPIST_CANCELLED',
      fee: { amount: 0 },
    });
    const stranger = await signUp(stack, 'CLIENT');
    const hidden = await stack.gql(QUOTE, { id: booking.globalId }, { token: stranger.accessToken });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const wrongType = await stack.gql(
      QUOTE,
      { id: toGlobalId('User', booking.bookingId) },
      { token: client.accessToken },
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await stack.gql(CANCEL, { input: { bookingId: booking.globalId } }, { token: client.accessToken });
    const after = await stack.gql(QUOTE, { id: booking.globalId }, { token: client.accessToken });
    expect(after.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });
});
