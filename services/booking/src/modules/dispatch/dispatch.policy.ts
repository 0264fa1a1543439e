import { DispatchError } from './dispatch.errors.ts';

/**
 * Offer batching, as a pure policy. A BullMQ job calls `nextDispatchStep`
 * whenever something happens (batch sent, offer declined, offer TTL fired)
 * and does what it says; the database does the geo filter (each therapist's
 * own radius is a hard limit there) and the atomic first-accept-wins.
 *
 * Batches are numbered from 1. Batch n offers to the next `batchSize(n)`
 * ranked candidates that have not had an offer yet, searching at
 * `radiusMultiplier(n)` × the base radius. Past the configured lists the last
 * size and multiplier repeat until the deadline.
 */

export interface ReliabilityWeights {
  readonly acceptance: number;
  readonly cancellation: number;
  readonly rating: number;
}

export interface DispatchPolicy {
  readonly batchSizes: readonly number[];
  readonly radiusMultipliers: readonly number[];
  readonly offerTtlSeconds: number;
  /** Shorter offers when the session starts soon, so more batches fit. */
  readonly soonStart: { readonly withinMinutes: number; readonly offerTtlSeconds: number };
  /** An offer that cannot live this long before the deadline is not worth sending. */
  readonly minOfferTtlSeconds: number;
  /** Deadline = min(start − minutesBeforeStart, searchStartedAt + minutesAfterSearchStart). */
  readonly deadline: { readonly minutesBeforeStart: number; readonly minutesAfterSearchStart: number };
  readonly ranking: {
    /** Distances within the same bucket count as equal, so reliability can decide. 1 = exact metres. */
    readonly distanceBucketMeters: number;
    /** Sum to 1. */
    readonly weights: ReliabilityWeights;
    /** Used for a therapist without history, so new therapists rank mid-pack. */
    readonly priors: {
      readonly acceptanceRate: number;
      readonly cancellationRate: number;
      readonly rating: number;
    };
  };
}

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = {
  batchSizes: [3, 5, 8],
  radiusMultipliers: [1, 1.5, 2],
  offerTtlSeconds: 180,
  soonStart: { withinMinutes: 120, offerTtlSeconds: 90 },
  minOfferTtlSeconds: 30,
  deadline: { minutesBeforeStart: 30, minutesAfterSearchStart: 45 },
  ranking: {
    distanceBucketMeters: 1_000,
    // A cancellation after confirmation hurts the client most; a declined offer costs only a little time.
    weights: { acceptance: 0.3, cancellation: 0.5, rating: 0.2 },
    priors: { acceptanceRate: 0.6, cancellationRate: 0.05, rating: 4.5 },
  },
};

const MINUTE_MS = 60_000;

function pick(list: readonly number[], batchNumber: number): number {
  assertBatchNumber(batchNumber);
  const value = list[Math.min(batchNumber, list.length) - 1];
  if (value === undefined) throw new DispatchError('INVALID_POLICY', 'Dispatch policy lists are empty.');
  return value;
}

function assertBatchNumber(batchNumber: number): void {
  if (!Number.isInteger(batchNumber) || batchNumber < 1) {
    throw new DispatchError('INVALID_INPUT', `Batch numbers start at 1, not ${batchNumber}.`);
  }
}

export function batchSize(batchNumber: number, policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY): number {
  return pick(policy.batchSizes, batchNumber);
}

/** Multiplier of the base search radius; each therapist's own radius still caps it (a DB filter). */
export function radiusMultiplier(
  batchNumber: number,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): number {
  return pick(policy.radiusMultipliers, batchNumber);
}

/** When the search gives up: min(start − 30 min, search start + 45 min). */
export function dispatchDeadline(
  input: { readonly searchStartedAt: Date; readonly startsAt: Date },
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): Date {
  const beforeStart = input.startsAt.getTime() - policy.deadline.minutesBeforeStart * MINUTE_MS;
  const afterSearch = input.searchStartedAt.getTime() + policy.deadline.minutesAfterSearchStart * MINUTE_MS;
  return new Date(Math.min(beforeStart, afterSearch));
}

/**
 * Seconds an offer sent at `now` stays open: the short TTL when the start is
 * less than `soonStart.withinMinutes` away, and never past the deadline.
 */
export function offerTtlSeconds(
  input: { readonly startsAt: Date; readonly deadline: Date; readonly now: Date },
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): number {
  const untilStartMs = input.startsAt.getTime() - input.now.getTime();
  const ttl =
    untilStartMs < policy.soonStart.withinMinutes * MINUTE_MS
      ? policy.soonStart.offerTtlSeconds
      : policy.offerTtlSeconds;
  const untilDeadlineSeconds = Math.floor((input.deadline.getTime() - input.now.getTime()) / 1_000);
  return Math.max(0, Math.min(ttl, untilDeadlineSeconds));
}

export interface DispatchState {
  /** When this search began: the hold (or deferral) for a new booking, or the re-dispatch after a therapist cancelled. */
  readonly searchStartedAt: Date;
  readonly startsAt: Date;
  readonly batchesSent: number;
  /** The latest batch; null before the first. An empty batch (nobody to offer) still counts and waits its TTL. */
  readonly currentBatch: {
    readonly expiresAt: Date;
    readonly offersSent: number;
    /** Offers neither declined nor expired. */
    readonly openOffers: number;
  } | null;
}

export type DispatchStep =
  | {
      readonly kind: 'SEND_BATCH';
      readonly batchNumber: number;
      readonly batchSize: number;
      readonly radiusMultiplier: number;
      readonly offerTtlSeconds: number;
      readonly offersExpireAt: Date;
      readonly deadline: Date;
    }
  | { readonly kind: 'WAIT'; readonly until: Date }
  | { readonly kind: 'EXPIRE_BOOKING'; readonly deadline: Date };

/**
 * What the dispatcher does now, for a booking that is SEARCHING:
 * - at or after the deadline → EXPIRE_BOOKING (offers never outlive it);
 * - while the current batch has open offers → WAIT until it expires;
 * - an empty batch also waits its TTL, so the widening radius and new
 *   availability get a chance and the job never spins;
 * - once every offer in the batch is declined → the next batch at once;
 * - too little time left for a useful offer → WAIT until the deadline.
 */
export function nextDispatchStep(
  state: DispatchState,
  now: Date,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): DispatchStep {
  const deadline = dispatchDeadline(state, policy);
  if (now.getTime() >= deadline.getTime()) return { kind: 'EXPIRE_BOOKING', deadline };

  const batch = state.currentBatch;
  if (
    batch !== null &&
    now.getTime() < batch.expiresAt.getTime() &&
    (batch.openOffers > 0 || batch.offersSent === 0)
  ) {
    return { kind: 'WAIT', until: new Date(Math.min(batch.expiresAt.getTime(), deadline.getTime())) };
  }

  const ttl = offerTtlSeconds({ startsAt: state.startsAt, deadline, now }, policy);
  if (ttl < policy.minOfferTtlSeconds) return { kind: 'WAIT', until: deadline };

  const batchNumber = state.batchesSent + 1;
  return {
    kind: 'SEND_BATCH',
    batchNumber,
    batchSize: batchSize(batchNumber, policy),
    radiusMultiplier: radiusMultiplier(batchNumber, policy),
    offerTtlSeconds: ttl,
    offersExpireAt: new Date(now.getTime() + ttl * 1_000),
    deadline,
  };
}

// ── Ranking ─────────────────────────────────────────────────────────────────

export interface ReliabilityStats {
  /** Accepted offers / offers received, 0..1; null without history. */
  readonly acceptanceRate: number | null;
  /** Cancelled jobs / accepted jobs, 0..1; null without history. */
  readonly cancellationRate: number | null;
  /** Average client rating 1..5; null without ratings. */
  readonly rating: number | null;
}

export interface DispatchCandidate {
  readonly therapistId: string;
  readonly distanceMeters: number;
  /** Position in the client's prioritized list (0 = first); null when not prioritized. */
  readonly clientPriority: number | null;
  readonly stats: ReliabilityStats;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const known = (value: number | null): value is number => value !== null && Number.isFinite(value);

/**
 * 0..1, higher is more reliable:
 * w.acceptance × acceptanceRate + w.cancellation × (1 − cancellationRate) + w.rating × (rating − 1) / 4.
 * Missing or non-finite inputs take the policy's priors; inputs are clamped to
 * their ranges; the result is rounded to 4 decimals so equal inputs compare equal.
 */
export function reliabilityScore(
  stats: ReliabilityStats,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): number {
  const { weights: w, priors } = policy.ranking;
  const acceptance = clamp(known(stats.acceptanceRate) ? stats.acceptanceRate : priors.acceptanceRate, 0, 1);
  const cancellation = clamp(
    known(stats.cancellationRate) ? stats.cancellationRate : priors.cancellationRate,
    0,
    1,
  );
  const rating = (clamp(known(stats.rating) ? stats.rating : priors.rating, 1, 5) - 1) / 4;
  const score = w.acceptance * acceptance + w.cancellation * (1 - cancellation) + w.rating * rating;
  return Math.round(score * 10_000) / 10_000;
}

export type RankedCandidate<T extends DispatchCandidate> = T & { readonly reliability: number };

/**
 * Best first: the client's prioritized therapists (in the client's order),
 * then distance bucket ascending, then reliability descending, then exact
 * distance, then therapist id — so the order is total and stable. Returns a new array.
 */
export function rankCandidates<T extends DispatchCandidate>(
  candidates: readonly T[],
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): RankedCandidate<T>[] {
  const bucket = policy.ranking.distanceBucketMeters;
  const scored = candidates.map((candidate) => {
    if (!Number.isFinite(candidate.distanceMeters) || candidate.distanceMeters < 0) {
      throw new DispatchError('INVALID_INPUT', `Candidate ${candidate.therapistId} has an invalid distance.`);
    }
    return { ...candidate, reliability: reliabilityScore(candidate.stats, policy) };
  });
  const priority = (c: DispatchCandidate) => c.clientPriority ?? Number.POSITIVE_INFINITY;
  return scored.sort(
    (a, b) =>
      priority(a) - priority(b) ||
      Math.floor(a.distanceMeters / bucket) - Math.floor(b.distanceMeters / bucket) ||
      b.reliability - a.reliability ||
      a.distanceMeters - b.distanceMeters ||
      (a.therapistId < b.therapistId ? -1 : a.therapistId > b.therapistId ? 1 : 0),
  );
}

/** The candidates for batch `batchNumber`: the next `batchSize` ranked ones not offered before. */
export function selectBatch<T extends DispatchCandidate>(
  ranked: readonly T[],
  batchNumber: number,
  alreadyOfferedIds: Iterable<string> = [],
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): T[] {
  const offered = new Set(alreadyOfferedIds);
  return ranked.filter((c) => !offered.has(c.therapistId)).slice(0, batchSize(batchNumber, policy));
}
