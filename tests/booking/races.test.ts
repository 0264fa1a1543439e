import { randomUUID } from 'node:crypto';
import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack, TestClock } from '../harness/index.ts';
import {
  clientWithIntake,
  outboxTypes,
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
    acceptOffer(input: $input) { offer { id status } booking { id state therapistId } }
  }
`;

/**
 * A therapist booking knows as approved, licensed and paid out (as screening
 * and payments would publish), based far away so live dispatch never offers
 * them anything: these tests write their offers directly.
 */
async function approvedTherapist(): Promise<TestTherapist> {
  const t = await therapistIdentity(stack);
  await registerTherapist(stack, t.id, { km: 500 });
  return t;
}

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

describe('races that really race', () => {
  it('50 therapists accepting one job at once: exactly one wins, 49 get ALREADY_TAKEN', async () => {
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);
    // The job is open to 50 therapists at once (written directly: batches are smaller).
    const therapists: TestTherapist[] = await Promise.all(
      Array.from({ length: 50 }, () => approvedTherapist()),
    );
    const offers = await Promise.all(therapists.map((t) => openOffer(bookingId, t.id)));

    const results = await Promise.all(
      therapists.map((t, i) =>
        stack.gql(
          ACCEPT,
          {
            input: { offerId: toGlobalId('Offer', offers[i]?.id as string), acknowledgeModifications: true },
          },
          { token: t.token },
        ),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    expect(new Set(losers.map((r) => r.errors?.[0]?.extensions?.code))).toEqual(new Set(['ALREADY_TAKEN']));
    expect(losers[0]?.errors?.[0]?.message).toMatch(/already/i);

    const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking.state).toBe('CONFIRMED');
    const statuses = await stack.prisma.offer.groupBy({ by: ['status'], where: { bookingId }, _count: true });
    const count = Object.fromEntries(statuses.map((s) => [s.status, s._count]));
    expect(count.ACCEPTED).toBe(1);
    expect((await outboxTypes(stack, bookingId)).filter((t) => t === 'booking.confirmed')).toHaveLength(1);
  });

  it('50 concurrent accepts of one offer by its therapist: one confirmation, the retries succeed idempotently', async () => {
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);
    const t = await approvedTherapist();
    const offer = await openOffer(bookingId, t.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        stack.gql(
          ACCEPT,
          { input: { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications: true } },
          { token: t.token },
        ),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect((await outboxTypes(stack, bookingId)).filter((x) => x === 'booking.confirmed')).toHaveLength(1);
    const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking.version).toBe(3); // screenPassed, holdPlaced, offerAccepted: nothing twice
  });

  it('one therapist racing to accept two overlapping jobs: the exclusion constraint lets one through, the other is DOUBLE_BOOKED', async () => {
    const client = await clientWithIntake(stack, clock);
    const t = await approvedTherapist();
    const a = await searchingBooking(stack, clock, client);
    // Starts 70 minutes later: the sessions do not overlap, but the travel buffers (15 + 15) do.
    const startsAt = new Date(clock.now().getTime() + 3 * 3600_000 + 70 * 60_000).toISOString();
    const b = await searchingBooking(stack, clock, client, { startsAt });
    const offerA = await openOffer(a.bookingId, t.id);
    const offerB = await openOffer(b.bookingId, t.id);
    const results = await Promise.all(
      [offerA, offerB].map((o) =>
        stack.gql(
          ACCEPT,
          { input: { offerId: toGlobalId('Offer', o.id), acknowledgeModifications: true } },
          { token: t.token },
        ),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const failed = results.find((r) => r.errors);
    expect(failed?.errors?.[0]?.extensions?.code).toBe('DOUBLE_BOOKED');
    const states = await stack.prisma.booking.findMany({ where: { id: { in: [a.bookingId, b.bookingId] } } });
    expect(states.map((s) => s.state).sort()).toEqual(['CONFIRMED', 'SEARCHING']);
  });

  it('bypassing the application entirely, concurrent raw SQL confirmations never overlap for one therapist', async () => {
    const client = await clientWithIntake(stack, clock);
    const therapistId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      // Ten bookings 30 minutes apart: every neighbour overlaps (60-minute sessions, 15-minute buffers).
      const startsAt = new Date(clock.now().getTime() + 3 * 3600_000 + i * 30 * 60_000).toISOString();
      ids.push((await searchingBooking(stack, clock, client, { startsAt })).bookingId);
    }
    const outcomes = await Promise.allSettled(
      ids.map(
        (id) =>
          stack.prisma.$executeRaw`
          UPDATE booking.bookings SET state = 'CONFIRMED', therapist_id = ${therapistId}::uuid
          WHERE id = ${id}::uuid`,
      ),
    );
    // Each loser fails cleanly: the exclusion constraint (23P01), or Postgres breaking a
    // deadlock between two speculative insertions into the constraint's index (40P01).
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected)
      expect(String((r as PromiseRejectedResult).reason)).toMatch(
        /bookings_no_overlap|23P01|exclusion|40P01|deadlock/,
      );
    const confirmed = await stack.prisma.$queryRaw<{ overlaps: bigint }[]>`
      SELECT count(*) AS overlaps FROM booking.bookings x JOIN booking.bookings y
        ON x.therapist_id = y.therapist_id AND x.id < y.id
       AND tstzrange(x.busy_from, x.busy_until) && tstzrange(y.busy_from, y.busy_until)
      WHERE x.therapist_id = ${therapistId}::uuid AND x.state = 'CONFIRMED' AND y.state = 'CONFIRMED'`;
    expect(Number(confirmed[0]?.overlaps)).toBe(0);
  });

  it('a declined batch triggers the next one at once', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const first = await therapistIdentity(stack);
    await registerTherapist(stack, first.id, { km: 0.5 });
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);
    const offer = await eventually(
      () => stack.prisma.offer.findFirst({ where: { bookingId, therapistId: first.id, status: 'OPEN' } }),
      'the offer to the nearest therapist',
    );
    const res = await stack.gql(
      `mutation D($input: DeclineOfferInput!) { declineOffer(input: $input) { offer { status } } }`,
      { input: { offerId: toGlobalId('Offer', offer.id) } },
      { token: first.token },
    );
    expect(res.errors).toBeUndefined();
    const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking.batchesSent).toBeGreaterThanOrEqual(2);
    const again = await stack.gql(
      `mutation D($input: DeclineOfferInput!) { declineOffer(input: $input) { offer { status } } }`,
      { input: { offerId: toGlobalId('Offer', offer.id) } },
      { token: first.token },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('OFFER_EXPIRED');
  });
});
