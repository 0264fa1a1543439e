import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, epochDay, isIsoDate, toIsoDate } from './iso-date.ts';

describe('iso dates', () => {
  it.each([
    ['2026-03-01', '2026-03-31', 30],
    ['2026-03-31', '2026-03-01', -30],
    ['2026-03-07', '2026-03-09', 2], // across the US DST change
    ['2028-02-28', '2028-03-01', 2], // leap year
    ['2026-12-31', '2027-01-01', 1],
    ['2026-05-05', '2026-05-05', 0],
  ])('%s → %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-01', '20260301', '', '2026-03-01T00:00:00Z', 'tomorrow'])(
    'refuses "%s"',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
      expect(() => epochDay(value)).toThrow(RangeError);
    },
  );

  it('reads a @db.Date value as its UTC date', () => {
    expect(toIsoDate(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
