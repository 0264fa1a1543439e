import { describe, expect, it } from 'vitest';
import { BrowseError } from './browse.errors.ts';
import { sortMatches } from './search.policy.ts';

const m = (therapistId: string, km: number, rating: number | null) => ({
  therapistId,
  distanceMeters: km * 1000,
  rating,
});

const MATCHES = [m('c', 5, 4.9), m('a', 1, null), m('b', 3, 4.2), m('d', 2, 4.9), m('e', 3, null)];

describe('sortMatches', () => {
  it('DISTANCE: nearest first, ties by id', () => {
    expect(sortMatches(MATCHES, 'DISTANCE').map((x) => x.therapistId)).toEqual(['a', 'd', 'b', 'e', 'c']);
  });

  it('RATING: best rated first, equal ratings nearest first, unrated last', () => {
    expect(sortMatches(MATCHES, 'RATING').map((x) => x.therapistId)).toEqual(['d', 'c', 'b', 'a', 'e']);
  });

  it('OUTCOMES: refused with a clear code rather than a made-up order', () => {
    let caught: unknown;
    try {
      sortMatches(MATCHES, 'OUTCOMES');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BrowseError);
    expect((caught as BrowseError).code).toBe('OUTCOMES_SORT_UNAVAILABLE');
  });

  it('does not change its input', () => {
    const copy = [...MATCHES];
    sortMatches(MATCHES, 'RATING');
    expect(MATCHES).toEqual(copy);
  });
});
