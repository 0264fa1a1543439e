export type TherapistSort = 'DISTANCE' | 'OUTCOMES' | 'RATING';

export interface TherapistMatch {
  readonly therapistId: string;
  readonly distanceMeters: number;
  /** Mean client rating; null before the first one. */
  readonly rating: number | null;
  /** Care's published responder share (0–1); null when care publishes none (too few clients). */
  readonly responderRate: number | null;
}

type Order = (a: TherapistMatch, b: TherapistMatch) => number;

const byDistance: Order = (a, b) =>
  a.distanceMeters - b.distanceMeters || a.therapistId.localeCompare(b.therapistId);

/** Highest first; therapists without the figure after those with it; equal figures nearest first. */
const highestFirst =
  (figure: (m: TherapistMatch) => number | null): Order =>
  (a, b) => {
    const x = figure(a);
    const y = figure(b);
    if (x === null || y === null) return x === y ? byDistance(a, b) : x === null ? 1 : -1;
    return y - x || byDistance(a, b);
  };

const ORDERS: Record<TherapistSort, Order> = {
  DISTANCE: byDistance,
  RATING: highestFirst((m) => m.rating),
  OUTCOMES: highestFirst((m) => m.responderRate),
};

/**
 * The order the client asked for, total (ties broken by distance, then id) so
 * a cursor means the same page on every call.
 */
export function sortMatches<T extends TherapistMatch>(matches: readonly T[], sort: TherapistSort): T[] {
  return [...matches].sort(ORDERS[sort]);
}
