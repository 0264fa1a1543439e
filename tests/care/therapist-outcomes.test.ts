import { createCareContext } from '@mm/care/src/context.ts';
import { buildCareServices, type CareServices } from '@mm/care/src/modules/index.ts';
import { emitEvent } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import { completeSession, uid } from './helpers.ts';

/**
 * Therapist outcomes (issue 18) against a fixture computed by hand.
 *
 * Diary entries and HIT-6 answers go in through the API. Sessions and pressure reports are
 * booking's events (booking.completed, booking.pressure_reported) published exactly as booking
 * publishes them: driving nine bookings through dispatch, the day-of check and completion would
 * test booking, not care (booking's own tests cover that the pressure event is emitted).
 */
const clock = new TestClock('2026-08-30T16:00:00.000Z');
let stack: Stack;
let services: CareServices;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'screening', 'care'], workers: true, now: clock.now });
  const ctx = createCareContext({
    config: stack.config,
    prisma: stack.prisma,
    redis: stack.redis,
    now: clock.now,
  });
  services = buildCareServices(ctx);
});
afterAll(() => stack.close());

const ADD_DIARY = `mutation($input: AddDiaryEntryInput!) { addDiaryEntry(input: $input) { entry { id } } }`;
const HIT6 = `mutation($input: SubmitHit6Input!) { submitHit6(input: $input) { result { score } } }`;
const OUTCOMES = `query($id: ID!) { therapist(id: $id) { id outcomes {
  clients minimumClients evaluableClients responderRate hit6Clients medianHit6Change
  sessionsReported overPressureRate rebookRate computedAt } } }`;

const S = 'SOMETIMES'; // 10 points
const R = 'RARELY'; // 8
const V = 'VERY_OFTEN'; // 11

async function ok(user: TestUser, query: string, input: Record<string, unknown>) {
  const res = await stack.gql(query, { input }, { token: user.accessToken });
  if (res.errors?.length) throw new Error(res.raw);
}
/** Migraine days: 11:00–13:00 New York time, so each entry is exactly one local day. */
async function migraineDays(user: TestUser, days: string[]) {
  for (const day of days) {
    await ok(user, ADD_DIARY, {
      startedAt: `${day}T15:00:00.000Z`,
      endedAt: `${day}T17:00:00.000Z`,
      peakIntensity: 7,
      isMigraine: true,
      aura: false,
      wokeWithIt: false,
    });
  }
}
const range = (month: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `2026-${month}-${String(from + i).padStart(2, '0')}`);

async function pressure(booking: string, client: TestUser, therapist: TestUser, overCap: boolean) {
  await stack.prisma.$transaction((tx) =>
    emitEvent(tx, {
      type: 'booking.pressure_reported',
      aggregateType: 'Booking',
      aggregateId: booking,
      payload: {
        bookingId: booking,
        clientId: uid(client),
        therapistId: uid(therapist),
        overCap,
        reportedAt: clock.now().toISOString(),
      },
    }),
  );
}

/** A therapist clients may read (the approval flow itself is screening's tests). */
async function approvedTherapist(): Promise<TestUser> {
  const therapist = await signUp(stack, 'THERAPIST', { fullName: 'Ana Silva' });
  const therapistId = uid(therapist);
  await eventually(
    async () => (await stack.prisma.therapistApplication.count({ where: { therapistId } })) === 1,
    'the application screening opens on sign-up',
  );
  await stack.prisma.therapistApplication.update({
    where: { therapistId },
    data: { status: 'APPROVED', legalName: 'Ana Silva' },
  });
  return therapist;
}

const therapistGid = (user: TestUser) => Buffer.from(`Therapist:${uid(user)}`).toString('base64url');

describe('therapist outcomes', () => {
  it('match the hand-computed figures, and stay hidden under the privacy threshold', async () => {
    const a = await approvedTherapist();
    const b = await approvedTherapist();
    const c = await Promise.all(Array.from({ length: 5 }, () => signUp(stack, 'CLIENT')));
    const bClients = await Promise.all(Array.from({ length: 4 }, () => signUp(stack, 'CLIENT')));
    const [c1, c2, c3, c4, c5] = c as [TestUser, TestUser, TestUser, TestUser, TestUser];

    // 2026-08-30, before the first sessions (all on 2026-09-01): baseline HIT-6 and the
    // baseline month's diary (the 30 local days 2026-08-02 … 2026-08-31).
    await ok(c1, HIT6, { answers: [S, S, S, S, S, S] }); // 60
    await ok(c2, HIT6, { answers: [S, S, S, S, V, V] }); // 62
    await ok(c3, HIT6, { answers: [S, S, S, S, R, R] }); // 56
    await ok(c4, HIT6, { answers: [S, S, S, S, S, S] }); // 60 (no follow-up: not counted)
    await ok(c5, HIT6, { answers: [V, V, V, V, V, V] }); // 66
    await migraineDays(c1, range('08', 2, 9)); // baseline 8
    await migraineDays(c2, range('08', 2, 7)); // baseline 6
    await migraineDays(c3, range('08', 2, 5)); // baseline 4
    // c4 logs nothing: a zero baseline cannot halve → not evaluable.
    await migraineDays(c5, range('08', 2, 6)); // baseline 5

    // 2026-10-05: the first 30-day window (2026-09-01 … 2026-09-30) is complete.
    clock.set('2026-10-05T16:00:00.000Z');
    const first = new Date('2026-09-01T14:00:00.000Z');
    const second = new Date('2026-09-15T14:00:00.000Z');
    const sessions = {
      c1: [
        await completeSession(stack, { client: c1, therapist: a, startsAt: first }),
        await completeSession(stack, { client: c1, therapist: a, startsAt: second }),
      ],
      c2: [await completeSession(stack, { client: c2, therapist: a, startsAt: first })],
      c3: [
        await completeSession(stack, { client: c3, therapist: a, startsAt: first }),
        await completeSession(stack, { client: c3, therapist: a, startsAt: second }),
      ],
      c4: [await completeSession(stack, { client: c4, therapist: a, startsAt: first })],
      c5: [await completeSession(stack, { client: c5, therapist: a, startsAt: first })],
    };
    for (const client of bClients) await completeSession(stack, { client, therapist: b, startsAt: first });

    await migraineDays(c1, ['2026-09-03', '2026-09-10']); // 8 → 2: −75 % → responder
    await migraineDays(c2, range('09', 3, 5)); // 6 → 3: exactly −50 % → responder
    await migraineDays(c3, range('09', 3, 5)); // 4 → 3: −25 % → non-responder
    await migraineDays(c5, ['2026-09-03']); // 5 → 1: −80 % → responder
    await ok(c1, HIT6, { answers: [R, R, R, R, R, S] }); // 50: −10
    await ok(c2, HIT6, { answers: [S, S, S, S, S, R] }); // 58: −4
    await ok(c3, HIT6, { answers: [S, S, S, S, S, S] }); // 60: +4
    await ok(c5, HIT6, { answers: [V, S, S, R, R, R] }); // 55: −11

    // Pressure reports on 5 of a's 7 sessions, 2 above the agreed cap.
    await pressure(sessions.c1[0] as string, c1, a, false);
    await pressure(sessions.c1[1] as string, c1, a, true);
    await pressure(sessions.c2[0] as string, c2, a, false);
    await pressure(sessions.c3[0] as string, c3, a, false);
    await pressure(sessions.c5[0] as string, c5, a, true);
    await eventually(
      async () => (await stack.prisma.carePressureReport.count({ where: { therapistId: uid(a) } })) === 5,
      'the pressure reports in care',
    );

    // Before the job runs there is nothing to show.
    const before = await stack.gql<{ therapist: { outcomes: unknown } }>(
      OUTCOMES,
      { id: therapistGid(a) },
      { token: c1.accessToken },
    );
    expect(before.data?.therapist.outcomes).toBeNull();

    expect(await services.therapistOutcomes.refresh()).toEqual({ therapists: 2, published: 1 });

    const res = await stack.gql<{ therapist: { outcomes: Record<string, unknown> | null } }>(
      OUTCOMES,
      { id: therapistGid(a) },
      { token: bClients[0]?.accessToken as string },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.therapist.outcomes).toEqual({
      clients: 5,
      minimumClients: 5,
      // c1, c2, c3, c5 (c4 has a zero baseline); responders c1, c2, c5 → 3/4.
      evaluableClients: 4,
      responderRate: 0.75,
      // Changes −11, −10, −4, +4 → median (−10 + −4) / 2 = −7.
      hit6Clients: 4,
      medianHit6Change: -7,
      // 2 of 5 reported sessions above the cap.
      sessionsReported: 5,
      overPressureRate: 0.4,
      // c1 and c3 came back for a second session: 2/5.
      rebookRate: 0.4,
      computedAt: '2026-10-05T16:00:00.000Z',
    });

    // b has 4 clients, one under the threshold of 5: no outcomes, not even zeros.
    const hidden = await stack.gql<{ therapist: { outcomes: unknown } }>(
      OUTCOMES,
      { id: therapistGid(b) },
      { token: c1.accessToken },
    );
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data?.therapist).toEqual({ id: therapistGid(b), outcomes: null });
    expect(await stack.prisma.therapistOutcome.count({ where: { therapistId: uid(b) } })).toBe(0);

    // A redelivered pressure event changes nothing; a rerun gives the same figures.
    await pressure(sessions.c2[0] as string, c2, a, true);
    clock.set('2026-10-05T17:00:00.000Z');
    await services.therapistOutcomes.refresh();
    const rerun = await stack.prisma.therapistOutcome.findUniqueOrThrow({ where: { therapistId: uid(a) } });
    expect(rerun).toMatchObject({
      sessionsReported: 5,
      sessionsOverCap: 2,
      responders: 3,
      medianHit6Change: -7,
    });
  });
});
