import { describe, expect, it } from 'vitest';
import {
  dateInZone,
  daysBetween,
  formatDateTime,
  formatMoney,
  parseRefundAmount,
  refundCap,
  summarizeWeek,
} from './format.ts';

describe('times in the admin’s zone', () => {
  const at = '2026-03-08T06:30:00.000Z'; // 01:30 EST, the morning US clocks spring forward
  it('formats one instant per zone, with the zone named', () => {
    expect(formatDateTime(at, 'America/New_York')).toBe('Mar 8, 2026, 01:30 EST');
    expect(formatDateTime(at, 'America/Los_Angeles')).toBe('Mar 7, 2026, 22:30 PST');
    expect(formatDateTime('2026-03-08T08:30:00.000Z', 'America/New_York')).toBe('Mar 8, 2026, 04:30 EDT');
  });
  it('shows a dash for missing or malformed times', () => {
    expect(formatDateTime(null, 'UTC')).toBe('—');
    expect(formatDateTime('not a date', 'UTC')).toBe('—');
  });
  it('the calendar date depends on the zone', () => {
    const d = new Date('2026-11-24T03:00:00.000Z');
    expect(dateInZone(d, 'America/New_York')).toBe('2026-11-23');
    expect(dateInZone(d, 'Europe/London')).toBe('2026-11-24');
  });
  it('counts whole days between dates, across a DST change', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-11-23', '2026-11-22')).toBe(-1);
    expect(daysBetween('2026-12-31', '2027-01-30')).toBe(30);
  });
});

describe('money', () => {
  it('formats minor units', () => {
    expect(formatMoney({ amount: 13_850, currency: 'USD' })).toBe('$138.50');
    expect(formatMoney({ amount: -500, currency: 'USD' })).toBe('-$5.00');
    expect(formatMoney(null)).toBe('—');
  });
  it('the refund cap is what was charged and not yet refunded', () => {
    expect(refundCap({ charged: { amount: 12_000 }, refunded: { amount: 2_500 } })).toBe(9_500);
    expect(refundCap({ charged: { amount: 1_000 }, refunded: { amount: 1_000 } })).toBe(0);
  });
  it('parses a typed refund amount and refuses anything above the cap', () => {
    expect(parseRefundAmount('25', 9_500)).toEqual({ amount: 2_500 });
    expect(parseRefundAmount(' 95.00 ', 9_500)).toEqual({ amount: 9_500 });
    expect(parseRefundAmount('0.1', 9_500)).toEqual({ amount: 10 });
    expect(parseRefundAmount('95.01', 9_500)).toEqual({ error: 'At most 95.00 can be refunded.' });
    expect(parseRefundAmount('0', 9_500)).toEqual({ error: 'The amount must be more than zero.' });
    expect(parseRefundAmount('1,000', 9_500)).toEqual({ error: 'Enter an amount like 12.50.' });
    expect(parseRefundAmount('1.234', 9_500)).toEqual({ error: 'Enter an amount like 12.50.' });
  });
});

describe('availability summary', () => {
  it('one line per day, windows in order', () => {
    expect(
      summarizeWeek([
        { day: 3, startMinute: 13 * 60, endMinute: 17 * 60 },
        { day: 1, startMinute: 9 * 60, endMinute: 12 * 60 + 30 },
        { day: 3, startMinute: 8 * 60, endMinute: 12 * 60 },
      ]),
    ).toEqual(['Mon 09:00–12:30', 'Wed 08:00–12:00, 13:00–17:00']);
    expect(summarizeWeek([])).toEqual([]);
  });
});
