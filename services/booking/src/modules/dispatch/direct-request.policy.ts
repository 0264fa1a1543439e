/**
 * A direct request (the client chose the therapist in searchTherapists) is
 * offered to that therapist only. When their offer is no longer open, or they
 * could not even be offered it, the client decides what next instead of
 * dispatch widening the search behind their back.
 */
export interface DirectRequestState {
  readonly directRequest: boolean;
  readonly batchesSent: number;
  /** The latest batch after expiring overdue offers; null before the first. */
  readonly currentBatch: { readonly offersSent: number; readonly openOffers: number } | null;
}

export type UnansweredReason = 'DECLINED' | 'EXPIRED' | 'UNAVAILABLE';

/** True when the client must choose: a direct request whose one offer is answered no (or never sent). */
export function directRequestUnanswered(s: DirectRequestState): boolean {
  if (!s.directRequest || s.batchesSent < 1 || s.currentBatch === null) return false;
  return s.currentBatch.openOffers === 0;
}

/** Why, in the client's notification: no offer at all, a decline, or an offer left to expire. */
export function unansweredReason(offerStatuses: readonly string[]): UnansweredReason {
  if (offerStatuses.length === 0) return 'UNAVAILABLE';
  return offerStatuses.includes('DECLINED') ? 'DECLINED' : 'EXPIRED';
}

/** The client may choose until dispatch itself would give up: `minutesBeforeStart` before the start. */
export function chooseBy(startsAt: Date, minutesBeforeStart: number): Date {
  return new Date(startsAt.getTime() - minutesBeforeStart * 60_000);
}

/**
 * A direct request searches as wide as dispatch ever would (its last
 * multiplier), as searchTherapists does: the therapist's own radius still
 * caps it, so a therapist the client found is never out of reach in batch 1.
 */
export function searchRadiusMultiplier(
  directRequest: boolean,
  batchMultiplier: number,
  multipliers: readonly number[],
): number {
  return directRequest ? Math.max(batchMultiplier, ...multipliers) : batchMultiplier;
}
