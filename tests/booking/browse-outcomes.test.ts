import { createCareContext } from '@mm/care/src/context.ts';
import { buildCareServices, type CareServices } from '@mm/care/src/modules/index.ts';
import { toGlobalId } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSession } from '../care/helpers.ts';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import {
  clientWithIntake,
  registerTherapist,
  saveClientAddress,
  type TestTherapist,
  therapistIdentity,
} from './helpers.ts';

/**
 * searchTherapists(sort: OUTCOMES) (issue 18): care's outcomes job publishes each therapist's
 * responder share to booking (care.therapist_outcomes_updated), and the sort orders by it.
 * Diaries go in through the API; sessions are booking's events published as booking publishes
 * them (tests/care/therapist-outcomes.test.ts checks every figure against a hand computation).
 */
const clock = new TestClock('2026-08-30T16:00:00.000Z');
let stack: Stack;
let care: CareServices;

beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity', 'screening', 'booking', 'care'],
    workers: true,
    now: clock.now,
  });
  care = buildCareServices(
    createCareContext({ config: stack.config, prisma: stack.prisma, redis: stack.redis, now: clock.now }),
  );
});
afterAll(() => stack?.close());

const ADD_DIARY = `mutation($input: AddDiaryEntryInput!) { addDiaryEntry(input: $input) { entry { id } } }`;
const SEARCH = /* GraphQL */ `
  query($addressId: ID!, $startsAt: DateTime!, $sort: TherapistSort) {
    searchTherapists(addressId: $addressId, timezone: "America/New_York", startsAt: $startsAt,
      durationMinutes: 60, sort: $sort) {
      edges { node { distanceKm therapist { id outcomes { clients responderRate } } } }
    }
  }
`;
type Found = { distanceKm: number; therapist: { id: string; outcomes: Record<string, number> | null } };

/** Migraine days, 11:00–13:00 New York time: each entry is one local day. */
async function migraineDays(user: TestUser, days: string[]) {
  for (const day of days) {
    const res = await stack.gql(
      ADD_DIARY,
      {
        input: {
          startedAt: `${day}T15:00:00.000Z`,
          endedAt: `${day}T17:00:00.000Z`,
          peakIntensity: 7,
          isMigraine: true,
          aura: false,
          wokeWithIt: false,
        },
      },
      { token: user.accessToken },
    );
    if (res.errors?.length) throw new Error(res.raw);
  }
}

/** Five clients with a baseline of 2 migraine days; `responders` of them down to 1 after the first session. */
async function clientsOf(responders: number) {
  const clients = await Promise.all(Array.from({ length: 5 }, () => signUp(stack, 'CLIENT')));
  await Promise.all(clients.map((c) => migraineDays(c, ['2026-08-10', '2026-08-11'])));
  return {
    clients,
    followUps: clients.map((_, i) => (i < responders ? ['2026-09-03'] : ['2026-09-03', '2026-09-04'])),
  };
}

const FIRST_SESSION = new Date('2026-09-01T14:00:00.000Z');
const sessionsWith = (therapist: TestTherapist, clients: readonly TestUser[]) =>
  Promise.all(
    clients.map((client) =>
      completeSession(stack, { client, therapist: { id: therapist.globalId }, startsAt: FIRST_SESSION }),
    ),
  );
const gid = (t: TestTherapist) => toGlobalId('Therapist', t.id);
const shareEvents = () =>
  stack.prisma.outboxEvent.findMany({
    where: { type: 'care.therapist_outcomes_updated' },
    orderBy: { aggregateId: 'asc' },
  });

describe('searchTherapists sorted by outcomes', () => {
  it('puts the better responder share first; too few clients shows no outcomes and sorts last', async () => {
    const better = await therapistIdentity(stack);
    const worse = await therapistIdentity(stack);
    const few = await therapistIdentity(stack);
    const none = await therapistIdentity(stack);
    // Distance alone would say few, worse, none, better.
    await registerTherapist(stack, better.id, { km: 12 });
    await registerTherapist(stack, worse.id, { km: 4 });
    await registerTherapist(stack, few.id, { km: 1 });
    await registerTherapist(stack, none.id, { km: 6 });

    // Baselines (the 30 local days before 2026-09-01), then the first complete window.
    const ofBetter = await clientsOf(4); // 4 of 5 halve their migraine days: 0.8
    const ofWorse = await clientsOf(1); // 1 of 5: 0.2
    clock.set('2026-10-05T16:00:00.000Z');
    for (const group of [ofBetter, ofWorse]) {
      await Promise.all(group.clients.map((c, i) => migraineDays(c, group.followUps[i] as string[])));
    }
    await sessionsWith(better, ofBetter.clients);
    await sessionsWith(worse, ofWorse.clients);
    // Four clients: one under the privacy threshold of five.
    await sessionsWith(few, await Promise.all(Array.from({ length: 4 }, () => signUp(stack, 'CLIENT'))));

    expect(await care.therapistOutcomes.refresh()).toEqual({ therapists: 3, published: 2 });
    // Care told booking the two published shares and nothing else: no figure about anyone.
    const computedAt = '2026-10-05T16:00:00.000Z';
    expect((await shareEvents()).map((e) => e.payload)).toEqual(
      [
        { therapistId: better.id, responderRate: 0.8, computedAt },
        { therapistId: worse.id, responderRate: 0.2, computedAt },
      ].sort((a, b) => a.therapistId.localeCompare(b.therapistId)),
    );
    await eventually(
      async () => (await stack.prisma.therapistOutcomeShare.count()) === 2,
      "booking's copy of the shares",
    );

    const client = await clientWithIntake(stack, clock);
    const address = await saveClientAddress(stack, client);
    const search = async (sort: string) => {
      const res = await stack.gql<{ searchTherapists: { edges: { node: Found }[] } }>(
        SEARCH,
        { addressId: address.addressId, startsAt: new Date(clock.now().getTime() + 3 * 3600_000), sort },
        { token: client.accessToken },
      );
      expect(res.errors, res.raw).toBeUndefined();
      return res.data?.searchTherapists.edges.map((e) => e.node) ?? [];
    };
    const byOutcomes = await search('OUTCOMES');
    expect(byOutcomes.map((n) => [n.therapist.id, n.distanceKm, n.therapist.outcomes])).toEqual([
      [gid(better), 12, { clients: 5, responderRate: 0.8 }],
      [gid(worse), 4, { clients: 5, responderRate: 0.2 }],
      // No published outcomes: last, nearest first.
      [gid(few), 1, null],
      [gid(none), 6, null],
    ]);
    expect((await search('DISTANCE')).map((n) => n.therapist.id)).toEqual(
      [few, worse, none, better].map(gid),
    );

    // An unchanged run announces nothing; a late, older share changes nothing in booking.
    clock.set('2026-10-05T17:00:00.000Z');
    await care.therapistOutcomes.refresh();
    expect(await shareEvents()).toHaveLength(2);
    // Shares published before care announced any (as on the first run after deploying this) are sent once.
    await stack.prisma.therapistOutcomeAnnouncement.deleteMany();
    await care.therapistOutcomes.refresh();
    await care.therapistOutcomes.refresh();
    expect(await shareEvents()).toHaveLength(4);
    const stale = await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'care.therapist_outcomes_updated',
        aggregateType: 'Therapist',
        aggregateId: better.id,
        payload: { therapistId: better.id, responderRate: 0.1, computedAt: '2026-10-05T15:00:00.000Z' },
      }),
    );
    await eventually(
      () =>
        stack.prisma.processedEvent.findUnique({
          where: { consumer_eventId: { consumer: 'booking', eventId: stale } },
        }),
      'booking handled the stale share',
    );
    expect((await search('OUTCOMES')).map((n) => n.therapist.id)).toEqual(
      [better, worse, few, none].map(gid),
    );
  });
});
