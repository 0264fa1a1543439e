import { describe, expect, it } from 'vitest';
import {
  nextPage,
  parseQueueParams,
  previousPage,
  queueFilter,
  queueSearch,
  withFilter,
} from './queue-params.ts';

describe('the queue’s place lives in the URL', () => {
  it('defaults to submitted applications, first page', () => {
    expect(parseQueueParams('')).toEqual({
      status: 'SUBMITTED',
      jurisdiction: '',
      minAgeDays: null,
      expiringWithinDays: null,
      cursors: [],
    });
  });
  it('round-trips filters and the page stack', () => {
    const q = {
      status: 'IN_REVIEW' as const,
      jurisdiction: 'US-NY',
      minAgeDays: 3,
      expiringWithinDays: 30,
      cursors: ['a', 'b'],
    };
    expect(parseQueueParams(queueSearch(q))).toEqual(q);
  });
  it('ignores what it does not understand', () => {
    expect(parseQueueParams('?status=NOPE&minAge=-4&expiring=abc&jurisdiction=us-ca')).toMatchObject({
      status: 'SUBMITTED',
      jurisdiction: 'US-CA',
      minAgeDays: null,
      expiringWithinDays: null,
    });
  });
  it('next and previous move through pages; a new filter starts again at page one', () => {
    const first = parseQueueParams('?status=SUBMITTED');
    const third = nextPage(nextPage(first, 'c1'), 'c2');
    expect(third.cursors).toEqual(['c1', 'c2']);
    expect(previousPage(third).cursors).toEqual(['c1']);
    expect(withFilter(third, { jurisdiction: 'US-NJ' })).toMatchObject({
      jurisdiction: 'US-NJ',
      cursors: [],
    });
  });
  it('builds the GraphQL filter, age measured back from the given instant', () => {
    const now = new Date('2026-11-23T15:00:00.000Z');
    expect(
      queueFilter(parseQueueParams('?status=SUBMITTED&minAge=2&expiring=7&jurisdiction=US-NY'), now),
    ).toEqual({
      statuses: ['SUBMITTED'],
      jurisdiction: 'US-NY',
      expiringWithinDays: 7,
      submittedBefore: '2026-11-21T15:00:00.000Z',
    });
    expect(queueFilter(parseQueueParams(''), now)).toEqual({ statuses: ['SUBMITTED'] });
  });
});
