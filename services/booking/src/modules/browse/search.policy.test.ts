import { describe, expect, it } from 'vitest';
import { sortMatches } from './search.policy.ts';

const m = (therapistId: string, km: number, rating: number | null, responderRate: number | null = null) => ({
  therapistId,
  distanceMeters: km * 1000,
  rating,
  responderRate,
});

const MATCHES = [
  m('c', 5, 4.9, 0.8),
  m('a', 1, null, null),
  m('b', 3, 4.2, 0.8),
  m('d', 2, 4.9, 0),
  m('e', 3, null, 0.95),
  m('f', 4, 4.0, null),
];

/** The order as one string of ids, e.g. 'adbefc'. */
const order = (sort: 'DISTANCE' | 'RATING' | 'OUTCOMES') =>
  sortMatches(MATCHES, sort)
    .map((x) => x.therapistId)
    .join('');

describe('sortMatches', () => {
  it('DISTANCE: nearest first, ties by id', () => {
    expect(order('DISTANCE')).toBe('adbefc');
  });

  it('RATING: best rated first, equal ratings nearest first, unrated last', () => {
    expect(order('RATING')).toBe('dcbfae');
  });

  it('OUTCOMES: best responder share first, equal shares nearest first, 0 before none, none last by distance', () => {
    expect(order('OUTCOMES')).toBe('ebcdaf');
  });

  it('OUTCOMES with nobody published is the distance order', () => {
    const none = MATCHES.map((x) => ({ ...x, responderRate: null }));
    expect(sortMatches(none, 'OUTCOMES')).toEqual(sortMatches(none, 'DISTANCE'));
  });

  it('equal distances fall back to the id, so the order is total', () => {
    const tied = [m('z', 2, null, 0.5), m('y', 2, null, 0.5)];
    expect(sortMatches(tied, 'OUTCOMES').map((x) => x.therapistId)).toEqual(['y', 'z']);
  });

  it('does not change its input', () => {
    const copy = [...MATCHES];
    sortMatches(MATCHES, 'OUTCOMES');
    expect(MATCHES).toEqual(copy);
  });
});
