// The accept gate's "taken" marker (per booking and dispatch round, written after the winner's commit)
// through the gateway: it answers the losers, and never turns away an accept that should win.
import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, TestClock } from '../harness/index.ts';
import {
  clientWithIntake,
  registerTherapist,
  searchingBooking,
  type TestTherapist,
  testModules,
  therapistIdentity,
} from './helpers.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let modules: ReturnType<typeof testModules>;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  modules = testModules(stack, clock);
});
afterAll(async () => {
  await modules?.close();
  await stack?.close();
});

const ACCEPT = /* GraphQL */ `
  mutation Accept($input: AcceptOfferInput!) {
    acceptOffer(input: $input) { booking { id state therapistId } }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation Cancel($input: BookingIdInput!) { cancelBooking(input: $input) { booking { state } } }
`;

/** Approved, licensed and paid out, far away: live dispatch never offers them anything. */
async function approvedTherapists(n: number): Promise<TestTherapist[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const t = await therapistIdentity(stack);
      await registerTherapist(stack, t.id, { km: 500 });
      return t;
    }),
  );
}

/** An open offer of the booking's current round, written directly (batches are smaller). */
async function openOffer(bookingId: string, therapistId: string) {
  const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
  return stack.prisma.offer.create({
    data: {
      bookingId,
      therapistId,
      round: booking.dispatchRound,
      batchNumber: 1,
      distanceMeters: 1000,
      sentAt: clock.now(),
      expiresAt: new Date(clock.now().getTime() + 180_000),
    },
  });
}

/** Every therapist accepts their open offer of the booking at once: the answers' codes and the winner. */
async function race(bookingId: string, therapists: TestTherapist[]) {
  const offers = await Promise.all(therapists.map((t) => openOffer(bookingId, t.id)));
  const results = await Promise.all(
    therapists.map((t, i) =>
      stack.gql(
        ACCEPT,
        { input: { offerId: toGlobalId('Offer', offers[i]?.id as string), acknowledgeModifications: true } },
        { token: t.token },
      ),
    ),
  );
  const codes = results.map((r) => String(r.errors?.[0]?.extensions?.code ?? 'OK'));
  return { codes, winner: therapists[codes.indexOf('OK')], offers };
}

const takenMarker = (bookingId: string, round: number) =>
  `${stack.config.QUEUE_PREFIX}:accept-gate:{${bookingId}}:taken:${round}`;

const wins = (codes: string[]) => codes.filter((c) => c === 'OK').length;

describe('the taken marker of the accept gate', () => {
  it("an earlier round's marker turns nobody away: after the winner withdrew, the new round has one winner", async () => {
    const client = await clientWithIntake(stack, clock);
    const { bookingId, globalId } = await searchingBooking(stack, clock, client);
    const first = await race(bookingId, await approvedTherapists(10));
    expect(wins(first.codes)).toBe(1);
    expect(new Set(first.codes)).toEqual(new Set(['OK', 'ALREADY_TAKEN']));
    expect(await stack.redis.get(takenMarker(bookingId, 1))).toBe(first.winner?.id);

    // The winner withdraws: the booking searches again, in round 2.
    const cancelled = await stack.gql<{ cancelBooking: { booking: { state: string } } }>(
      CANCEL,
      { input: { bookingId: globalId } },
      { token: first.winner?.token },
    );
    expect(cancelled.data?.cancelBooking.booking.state).toBe('SEARCHING');
    const second = await race(bookingId, await approvedTherapists(10));
    expect(wins(second.codes)).toBe(1);
    expect(new Set(second.codes)).toEqual(new Set(['OK', 'ALREADY_TAKEN']));
    const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking).toMatchObject({ state: 'CONFIRMED', dispatchRound: 2, therapistId: second.winner?.id });
  });

  it('a holder that failed leaves no marker: the next accept of the round wins', async () => {
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);
    // Not in the directory (no approved profile): held the gate, then refused in its transaction.
    const unlisted = await therapistIdentity(stack);
    const failed = await race(bookingId, [unlisted]);
    expect(failed.codes).toEqual(['THERAPIST_NOT_ELIGIBLE']);
    expect(await stack.redis.get(takenMarker(bookingId, 1))).toBeNull();

    const next = await race(bookingId, await approvedTherapists(10));
    expect(wins(next.codes)).toBe(1);
    expect(new Set(next.codes)).toEqual(new Set(['OK', 'ALREADY_TAKEN']));
  });

  it('a lost marker costs a transaction, not a wrong answer: the next accept finds the booking taken and writes it again', async () => {
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);
    const first = await race(bookingId, await approvedTherapists(5));
    expect(wins(first.codes)).toBe(1);
    await stack.redis.del(takenMarker(bookingId, 1));
    // Offers still open in the taken round (as losers read them before the commit), accepted at once.
    const late = await race(bookingId, await approvedTherapists(10));
    expect(late.codes).toEqual(Array(10).fill('ALREADY_TAKEN'));
    expect(await stack.redis.get(takenMarker(bookingId, 1))).toBe(first.winner?.id);
    // The winner's retry still succeeds.
    const winnerOffer = first.offers[first.codes.indexOf('OK')];
    const retry = await stack.gql(
      ACCEPT,
      { input: { offerId: toGlobalId('Offer', winnerOffer?.id as string), acknowledgeModifications: true } },
      { token: first.winner?.token },
    );
    expect(retry.errors).toBeUndefined();
  });
});
