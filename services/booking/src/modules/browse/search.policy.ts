import { BrowseError } from './browse.errors.ts';

export type TherapistSort = 'DISTANCE' | 'OUTCOMES' | 'RATING';

export interface TherapistMatch {
  readonly therapistId: string;
  readonly distanceMeters: number;
  /** Mean client rating; null before the first one. */
  readonly rating: number | null;
}

const byDistance = (a: TherapistMatch, b: TherapistMatch) =>
  a.distanceMeters - b.distanceMeters || a.therapistId.localeCompare(b.therapistId);

/** Unrated therapists after rated ones; equal ratings nearest first. */
const byRating = (a: TherapistMatch, b: TherapistMatch) => {
  if (a.rating === null || b.rating === null) {
    return a.rating === b.rating ? byDistance(a, b) : a.rating === null ? 1 : -1;
  }
  return b.rating - a.rating || byDistance(a, b);
};

/**
 * The order the client asked for, total (ties broken by distance, then id) so
 * a cursor means the same page on every call. OUTCOMES is refused: booking
 * holds no copy of care's outcomes, and sorting on anything else under that
 * name would mislead.
 */
export function sortMatches<T extends TherapistMatch>(matches: readonly T[], sort: TherapistSort): T[] {
  if (sort === 'OUTCOMES') throw new BrowseError('OUTCOMES_SORT_UNAVAILABLE');
  return [...matches].sort(sort === 'RATING' ? byRating : byDistance);
}
