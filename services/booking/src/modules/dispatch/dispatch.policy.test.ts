import { describe, expect, it } from 'vitest';
import { DispatchError } from './dispatch.errors.ts';
import {
  batchSize,
  DEFAULT_DISPATCH_POLICY,
  type DispatchCandidate,
  type DispatchState,
  type DispatchStep,
  dispatchDeadline,
  nextDispatchStep,
  offerTtlSeconds,
  type ReliabilityStats,
  radiusMultiplier,
  rankCandidates,
  reliabilityScore,
  selectBatch,
} from './dispatch.policy.ts';

const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const T0 = new Date('2026-03-01T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('batches', () => {
  it.each([
    [1, 3, 1],
    [2, 5, 1.5],
    [3, 8, 2],
    [4, 8, 2],
    [12, 8, 2],
  ])('batch %i → %i offers at %f × the base radius', (n, size, multiplier) => {
    expect(batchSize(n)).toBe(size);
    expect(radiusMultiplier(n)).toBe(multiplier);
  });

  it.each([0, -1, 1.5, Number.NaN])('batch %d is not a batch', (n) => {
    expect(() => batchSize(n)).toThrow(DispatchError);
    expect(() => radiusMultiplier(n)).toThrow('Batch numbers start at 1');
  });
});

describe('dispatchDeadline = min(start − 30 min, search start + 45 min)', () => {
  it.each([
    ['start 10 days ahead', 240 * HOUR, 45 * MIN],
    ['start 2 h ahead', 2 * HOUR, 45 * MIN],
    ['start exactly 75 min ahead (both equal)', 75 * MIN, 45 * MIN],
    ['start 74 min ahead', 74 * MIN, 44 * MIN],
    ['start 60 min ahead', 60 * MIN, 30 * MIN],
  ])('%s → search start + %i ms', (_label, startIn, deadlineIn) => {
    expect(dispatchDeadline({ searchStartedAt: T0, startsAt: at(startIn) })).toEqual(at(deadlineIn));
  });
});

describe('offerTtlSeconds', () => {
  const farDeadline = at(HOUR);
  it.each([
    ['start 3 h away', 3 * HOUR, farDeadline, 180],
    ['start exactly 120 min away', 120 * MIN, farDeadline, 180],
    ['start 119:59 away', 120 * MIN - SEC, farDeadline, 90],
    ['start 60 min away', 60 * MIN, farDeadline, 90],
    ['deadline 100 s away', 3 * HOUR, at(100 * SEC), 100],
    ['deadline 100.9 s away (floored)', 3 * HOUR, at(100 * SEC + 900), 100],
    ['deadline passed', 3 * HOUR, at(-SEC), 0],
  ])('%s → %i s', (_label, startIn, deadline, ttl) => {
    expect(offerTtlSeconds({ startsAt: at(startIn), deadline, now: T0 })).toBe(ttl);
  });
});

describe('nextDispatchStep', () => {
  // Start a day ahead: deadline = T0 + 45 min.
  const state = (patch: Partial<DispatchState> = {}): DispatchState => ({
    searchStartedAt: T0,
    startsAt: at(24 * HOUR),
    batchesSent: 0,
    currentBatch: null,
    ...patch,
  });
  const batch = (expiresIn: number, offersSent: number, openOffers: number) => ({
    expiresAt: at(expiresIn),
    offersSent,
    openOffers,
  });
  const deadline = at(45 * MIN);
  const send = (
    batchNumber: number,
    size: number,
    multiplier: number,
    ttl: number,
    now: Date,
  ): DispatchStep => ({
    kind: 'SEND_BATCH',
    batchNumber,
    batchSize: size,
    radiusMultiplier: multiplier,
    offerTtlSeconds: ttl,
    offersExpireAt: new Date(now.getTime() + ttl * SEC),
    deadline,
  });

  it.each<[string, Partial<DispatchState>, number, DispatchStep]>([
    ['nothing sent yet', {}, 0, send(1, 3, 1, 180, T0)],
    [
      'batch 1 has open offers',
      { batchesSent: 1, currentBatch: batch(3 * MIN, 3, 2) },
      MIN,
      { kind: 'WAIT', until: at(3 * MIN) },
    ],
    [
      'batch 1 all declined',
      { batchesSent: 1, currentBatch: batch(3 * MIN, 3, 0) },
      MIN,
      send(2, 5, 1.5, 180, at(MIN)),
    ],
    [
      'batch 1 found nobody, TTL not over',
      { batchesSent: 1, currentBatch: batch(3 * MIN, 0, 0) },
      MIN,
      { kind: 'WAIT', until: at(3 * MIN) },
    ],
    [
      'batch 1 found nobody, TTL over',
      { batchesSent: 1, currentBatch: batch(3 * MIN, 0, 0) },
      3 * MIN,
      send(2, 5, 1.5, 180, at(3 * MIN)),
    ],
    [
      'batch 1 expires exactly now',
      { batchesSent: 1, currentBatch: batch(3 * MIN, 3, 2) },
      3 * MIN,
      send(2, 5, 1.5, 180, at(3 * MIN)),
    ],
    [
      'batch 3 expired',
      { batchesSent: 3, currentBatch: batch(9 * MIN, 8, 8) },
      9 * MIN,
      send(4, 8, 2, 180, at(9 * MIN)),
    ],
    [
      '60 s before the deadline: TTL clamped',
      { batchesSent: 5, currentBatch: batch(44 * MIN, 8, 0) },
      44 * MIN,
      send(6, 8, 2, 60, at(44 * MIN)),
    ],
    [
      'exactly 30 s left: still worth an offer',
      { batchesSent: 5, currentBatch: batch(44 * MIN, 8, 0) },
      44 * MIN + 30 * SEC,
      send(6, 8, 2, 30, at(44 * MIN + 30 * SEC)),
    ],
    [
      '29 s left: not worth an offer',
      { batchesSent: 5, currentBatch: batch(44 * MIN, 8, 0) },
      44 * MIN + 31 * SEC,
      { kind: 'WAIT', until: deadline },
    ],
    [
      'at the deadline',
      { batchesSent: 6, currentBatch: batch(45 * MIN, 8, 0) },
      45 * MIN,
      { kind: 'EXPIRE_BOOKING', deadline },
    ],
    [
      'after the deadline with offers still marked open',
      { batchesSent: 6, currentBatch: batch(50 * MIN, 8, 3) },
      46 * MIN,
      { kind: 'EXPIRE_BOOKING', deadline },
    ],
    ['never sent and already past the deadline', {}, 45 * MIN, { kind: 'EXPIRE_BOOKING', deadline }],
  ])('%s', (_label, patch, nowIn, expected) => {
    expect(nextDispatchStep(state(patch), at(nowIn))).toEqual(expected);
  });

  it('uses the short TTL when the start is soon, with the deadline 30 min before the start', () => {
    const step = nextDispatchStep(state({ startsAt: at(70 * MIN) }), T0);
    expect(step).toEqual({
      kind: 'SEND_BATCH',
      batchNumber: 1,
      batchSize: 3,
      radiusMultiplier: 1,
      offerTtlSeconds: 90,
      offersExpireAt: at(90 * SEC),
      deadline: at(40 * MIN),
    });
  });

  it('runs a whole search in which nobody ever accepts and then expires at the deadline', () => {
    let current = state();
    let now = T0;
    const sent: { size: number; multiplier: number; ttl: number }[] = [];
    for (let guard = 0; guard < 100; guard += 1) {
      const step = nextDispatchStep(current, now);
      if (step.kind === 'EXPIRE_BOOKING') break;
      if (step.kind === 'WAIT') {
        now = step.until;
        continue;
      }
      sent.push({ size: step.batchSize, multiplier: step.radiusMultiplier, ttl: step.offerTtlSeconds });
      expect(step.offersExpireAt.getTime()).toBeLessThanOrEqual(deadline.getTime());
      // Every offer times out without an answer.
      current = {
        ...current,
        batchesSent: step.batchNumber,
        currentBatch: {
          expiresAt: step.offersExpireAt,
          offersSent: step.batchSize,
          openOffers: step.batchSize,
        },
      };
    }
    expect(now).toEqual(deadline);
    expect(sent).toHaveLength(15); // 45 min / 3 min
    expect(sent.slice(0, 4).map((s) => [s.size, s.multiplier])).toEqual([
      [3, 1],
      [5, 1.5],
      [8, 2],
      [8, 2],
    ]);
    expect(sent.every((s) => s.ttl === 180)).toBe(true);
  });
});

describe('reliabilityScore', () => {
  it.each([
    ['perfect', { acceptanceRate: 1, cancellationRate: 0, rating: 5 }, 1],
    ['worst', { acceptanceRate: 0, cancellationRate: 1, rating: 1 }, 0],
    [
      'no history → priors (0.6, 0.05, 4.5)',
      { acceptanceRate: null, cancellationRate: null, rating: null },
      0.83,
    ],
    ['typical', { acceptanceRate: 0.9, cancellationRate: 0.1, rating: 4.8 }, 0.91],
    ['accepts everything, cancels half', { acceptanceRate: 1, cancellationRate: 0.5, rating: 5 }, 0.75],
    ['out-of-range inputs are clamped', { acceptanceRate: 1.5, cancellationRate: -0.2, rating: 7 }, 1],
    ['a rating below 1 counts as 1', { acceptanceRate: 1, cancellationRate: 0, rating: 0 }, 0.8],
    ['NaN takes the prior', { acceptanceRate: Number.NaN, cancellationRate: 0, rating: 5 }, 0.88],
  ])('%s → %f', (_label, stats, expected) => {
    expect(reliabilityScore(stats)).toBe(expected);
  });

  it('rises with acceptance and rating and falls with cancellations', () => {
    const base = { acceptanceRate: 0.5, cancellationRate: 0.2, rating: 4 };
    const score = reliabilityScore(base);
    expect(reliabilityScore({ ...base, acceptanceRate: 0.6 })).toBeGreaterThan(score);
    expect(reliabilityScore({ ...base, rating: 4.5 })).toBeGreaterThan(score);
    expect(reliabilityScore({ ...base, cancellationRate: 0.3 })).toBeLessThan(score);
    // A cancellation costs more than a declined offer of the same rate.
    expect(reliabilityScore({ ...base, cancellationRate: 0.3 })).toBeLessThan(
      reliabilityScore({ ...base, acceptanceRate: 0.4 }),
    );
  });
});

describe('rankCandidates', () => {
  const good = { acceptanceRate: 0.95, cancellationRate: 0.01, rating: 4.9 };
  const poor = { acceptanceRate: 0.4, cancellationRate: 0.2, rating: 4.0 };
  const c = (
    therapistId: string,
    distanceMeters: number,
    stats: ReliabilityStats = good,
    clientPriority: number | null = null,
  ): DispatchCandidate => ({
    therapistId,
    distanceMeters,
    clientPriority,
    stats,
  });
  const ids = (list: readonly DispatchCandidate[]) => list.map((x) => x.therapistId);

  it.each<[string, DispatchCandidate[], string[]]>([
    [
      'a prioritized therapist beats a nearer, better one',
      [c('near', 100), c('fav', 9_000, poor, 0)],
      ['fav', 'near'],
    ],
    [
      'prioritized therapists keep the client’s order',
      [c('second', 100, good, 1), c('first', 9_000, poor, 0)],
      ['first', 'second'],
    ],
    [
      'a nearer distance bucket wins over reliability',
      [c('far-good', 1_200), c('near-poor', 900, poor)],
      ['near-poor', 'far-good'],
    ],
    [
      'in the same bucket, reliability wins over metres',
      [c('near-poor', 100, poor), c('farther-good', 900)],
      ['farther-good', 'near-poor'],
    ],
    ['same bucket and score: exact distance', [c('b', 800), c('a', 300)], ['a', 'b']],
    ['fully tied: therapist id', [c('t-2', 500), c('t-10', 500), c('t-1', 500)], ['t-1', 't-10', 't-2']],
    [
      'a new therapist (priors) ranks between proven good and poor ones',
      [
        c('poor', 500, poor),
        c('new', 500, { acceptanceRate: null, cancellationRate: null, rating: null }),
        c('good', 500),
      ],
      ['good', 'new', 'poor'],
    ],
  ])('%s', (_label, candidates, expected) => {
    expect(ids(rankCandidates(candidates))).toEqual(expected);
  });

  it('is a total order: any input order gives the same result, and the input is not mutated', () => {
    const list = [
      c('a', 2_500),
      c('b', 300, poor),
      c('c', 700),
      c('d', 300, good, 2),
      c('e', 50, poor, 0),
      c('f', 700),
      c('g', 12_000),
    ];
    const expected = ids(rankCandidates(list));
    expect(expected).toEqual(['e', 'd', 'c', 'f', 'b', 'a', 'g']);
    for (let shift = 1; shift < list.length; shift += 1) {
      const rotated = [...list.slice(shift), ...list.slice(0, shift)];
      expect(ids(rankCandidates(rotated))).toEqual(expected);
      expect(ids(rankCandidates([...rotated].reverse()))).toEqual(expected);
    }
    expect(ids(list)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('keeps caller fields and adds the score', () => {
    const [first] = rankCandidates([{ ...c('x', 10), homeBase: 'Queens' }]);
    expect(first).toMatchObject({
      therapistId: 'x',
      homeBase: 'Queens',
      reliability: reliabilityScore(good),
    });
  });

  it('uses exact metres when the bucket is 1 m', () => {
    const policy = {
      ...DEFAULT_DISPATCH_POLICY,
      ranking: { ...DEFAULT_DISPATCH_POLICY.ranking, distanceBucketMeters: 1 },
    };
    expect(ids(rankCandidates([c('good', 900), c('poor', 100, poor)], policy))).toEqual(['poor', 'good']);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a distance of %d', (distanceMeters) => {
    expect(() => rankCandidates([c('x', distanceMeters)])).toThrow('Candidate x has an invalid distance.');
  });
});

describe('selectBatch', () => {
  const ranked = Array.from({ length: 20 }, (_, i) => ({
    therapistId: `t${String(i).padStart(2, '0')}`,
    distanceMeters: i * 100,
    clientPriority: null,
    stats: { acceptanceRate: null, cancellationRate: null, rating: null },
  }));
  const ids = (list: readonly { therapistId: string }[]) => list.map((x) => x.therapistId);

  it('takes 3, then the next 5, then the next 8', () => {
    const first = selectBatch(ranked, 1);
    const second = selectBatch(ranked, 2, ids(first));
    const third = selectBatch(ranked, 3, [...ids(first), ...ids(second)]);
    expect(ids(first)).toEqual(['t00', 't01', 't02']);
    expect(ids(second)).toEqual(['t03', 't04', 't05', 't06', 't07']);
    expect(ids(third)).toEqual(['t08', 't09', 't10', 't11', 't12', 't13', 't14', 't15']);
    expect(ids(selectBatch(ranked, 4, ids(ranked.slice(0, 16))))).toEqual(['t16', 't17', 't18', 't19']);
  });

  it('skips therapists offered before when a wider search returns them again', () => {
    expect(ids(selectBatch(ranked, 2, ['t00', 't02', 't05']))).toEqual(['t01', 't03', 't04', 't06', 't07']);
  });

  it('returns nobody when everyone had an offer', () => {
    expect(selectBatch(ranked, 3, ids(ranked))).toEqual([]);
  });
});
