import { describe, expect, it } from 'vitest';
import {
  chooseBy,
  directRequestUnanswered,
  searchRadiusMultiplier,
  unansweredReason,
} from './direct-request.policy.ts';

describe('directRequestUnanswered', () => {
  const base = { directRequest: true, batchesSent: 1, currentBatch: { offersSent: 1, openOffers: 0 } };

  it('asks the client once the one offer of a direct request is no longer open', () => {
    expect(directRequestUnanswered(base)).toBe(true);
  });

  it('asks the client when the chosen therapist could not be offered the booking at all', () => {
    expect(directRequestUnanswered({ ...base, currentBatch: { offersSent: 0, openOffers: 0 } })).toBe(true);
  });

  it('waits while the offer is open', () => {
    expect(directRequestUnanswered({ ...base, currentBatch: { offersSent: 1, openOffers: 1 } })).toBe(false);
  });

  it('does nothing before the first offer went out', () => {
    expect(directRequestUnanswered({ ...base, batchesSent: 0, currentBatch: null })).toBe(false);
  });

  it('leaves open dispatch and rebooks to the dispatcher', () => {
    expect(directRequestUnanswered({ ...base, directRequest: false })).toBe(false);
  });
});

describe('unansweredReason', () => {
  it.each([
    [[], 'UNAVAILABLE'],
    [['DECLINED'], 'DECLINED'],
    [['EXPIRED'], 'EXPIRED'],
    [['EXPIRED', 'DECLINED'], 'DECLINED'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(unansweredReason(statuses)).toBe(expected);
  });
});

describe('chooseBy', () => {
  it('is the dispatch deadline before the start', () => {
    expect(chooseBy(new Date('2027-01-05T14:00:00.000Z'), 30).toISOString()).toBe('2027-01-05T13:30:00.000Z');
  });
});

describe('searchRadiusMultiplier', () => {
  it('searches a direct request as wide as the widest batch', () => {
    expect(searchRadiusMultiplier(true, 1, [1, 1.5, 2])).toBe(2);
  });
  it('keeps the batch multiplier for open dispatch', () => {
    expect(searchRadiusMultiplier(false, 1.5, [1, 1.5, 2])).toBe(1.5);
  });
});
