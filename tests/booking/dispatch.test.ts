import { CandidatesRepository } from '@mm/booking/src/modules/dispatch/candidates.repository.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack, TestClock } from '../harness/index.ts';
import {
  CLIENT_AT,
  clientWithIntake,
  outboxTypes,
  registerTherapist,
  searchingBooking,
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

const offersOf = (bookingId: string) =>
  stack.prisma.offer.findMany({
    where: { bookingId },
    orderBy: [{ batchNumber: 'asc' }, { distanceMeters: 'asc' }],
  });

describe('dispatch with a controllable clock', () => {
  it('sends batch 1 inside the base radius, widens the radius when it expires, then expires the booking and releases the hold', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const near = await therapistIdentity(stack);
    const far = await therapistIdentity(stack);
    await registerTherapist(stack, near.id, { km: 4 });
    // 13 km: outside the 10 km base radius, inside batch 2's 15 km and its own 25 km.
    await registerTherapist(stack, far.id, { km: 13 });
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);

    // The worker runs the first step at once: batch 1 goes to the near therapist only.
    const batch1 = await eventually(async () => {
      const offers = await offersOf(bookingId);
      return offers.length > 0 ? offers : null;
    }, 'batch 1');
    expect(batch1.map((o) => [o.therapistId, o.batchNumber, o.status])).toEqual([[near.id, 1, 'OPEN']]);
    expect(batch1[0]?.expiresAt.toISOString()).toBe('2026-11-23T15:03:00.000Z');

    // Too early: the step only waits for the batch to expire.
    expect((await modules.dispatch.dispatcher.step(bookingId)).kind).toBe('WAIT');

    clock.advanceMinutes(3);
    const step2 = await modules.dispatch.dispatcher.step(bookingId);
    expect(step2).toMatchObject({ kind: 'SEND_BATCH', batchNumber: 2, radiusMultiplier: 1.5 });
    const afterBatch2 = await offersOf(bookingId);
    expect(afterBatch2.map((o) => [o.therapistId, o.batchNumber, o.status])).toEqual([
      [near.id, 1, 'EXPIRED'],
      [far.id, 2, 'OPEN'],
    ]);

    // Nobody accepts; empty batches wait their TTL until the deadline (search start + 45 min).
    for (let i = 0; i < 30; i++) {
      clock.advanceMinutes(3);
      const step = await modules.dispatch.dispatcher.step(bookingId);
      if (step.kind === 'EXPIRE_BOOKING' || step.kind === 'NOT_SEARCHING') break;
    }
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-23T15:45:00.000Z'));
    const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking.state).toBe('EXPIRED');
    const offers = await offersOf(bookingId);
    expect(offers.every((o) => o.status === 'EXPIRED')).toBe(true);
    // payments releases the hold on booking.expired
    expect(await outboxTypes(stack, bookingId)).toEqual(['booking.requested', 'booking.expired']);
    // A replayed step changes nothing.
    expect(await modules.dispatch.dispatcher.step(bookingId)).toEqual({
      kind: 'NOT_SEARCHING',
      state: 'EXPIRED',
    });
  });

  it('a search whose dispatch job was lost or gave up is stepped by the sweep, so it cannot stall', async () => {
    clock.set('2026-11-23T17:00:00.000Z');
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);
    const row = () => stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    await eventually(async () => (await row()).batchesSent === 1, 'batch 1');
    // Batch 1's expiry job is delayed in real time and never runs during this test: as if it had given up.
    await modules.dispatch.dispatcher.sweep();
    expect((await row()).batchesSent).toBe(1); // not overdue yet: the sweep leaves it alone
    clock.advanceMinutes(3 + 5 + 1); // batch expiry + the sweep's grace + a minute
    expect(await modules.dispatch.dispatcher.sweep()).toBeGreaterThanOrEqual(1);
    const after = await row();
    expect(after.state).toBe('SEARCHING');
    expect(after.batchesSent).toBe(2);
  });

  it('finds candidates through the GiST earthdistance index, not a scan', async () => {
    const repo = new CandidatesRepository(stack.prisma);
    const startsAt = new Date('2026-11-23T18:00:00.000Z');
    const plan = await stack.prisma.$transaction(async (tx) => {
      // A test table is tiny, so the planner would happily scan it; forbid that to prove the index answers the query.
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return repo.explain(
        {
          clientId: '00000000-0000-4000-8000-000000000001',
          ...CLIENT_AT,
          jurisdiction: 'US-NY',
          localDate: '2026-11-23',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3600_000),
          busyFrom: startsAt,
          busyUntil: new Date(startsAt.getTime() + 3600_000),
          modalities: ['SWEDISH'],
          requiresIntraOral: false,
          genderPreference: null,
          searchRadiusMeters: 10_000,
          onlyTherapistId: null,
          excludedTherapistIds: [],
        },
        tx,
      );
    });
    expect(plan).toMatch(/Index Scan using therapist_directory_bookable_gist/);
    expect(plan).not.toMatch(/Seq Scan on therapist_directory/);
  });
});
