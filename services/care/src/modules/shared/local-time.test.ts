import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatLocalTime,
  isLocalDate,
  isValidTimeZone,
  localDateOf,
  maxDate,
  minDate,
  parseLocalTime,
  resolveLocalTime,
  toLocal,
} from './local-time.ts';

describe('parseLocalTime / formatLocalTime', () => {
  it.each([
    ['00:00', 0],
    ['08:00', 480],
    ['20:59', 1259],
    ['21:00', 1260],
    ['23:59', 1439],
  ])('parses %s as minute %i and formats it back', (text, minute) => {
    expect(parseLocalTime(text)).toBe(minute);
    expect(formatLocalTime(minute)).toBe(text);
  });

  it.each(['9:00', '24:00', '12:60', ' 09:00', '09:00:00', '0900', '', 'noon'])('rejects %j', (text) => {
    expect(parseLocalTime(text)).toBeNull();
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-08', 0, '2026-03-08'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('daysBetween is not thrown off by DST (dates carry no zone)', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });

  it.each(['2026-02-30', '2026-1-01', '2026-13-01', 'yesterday'])('rejects %j', (date) => {
    expect(isLocalDate(date)).toBe(false);
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });

  it('minDate / maxDate compare ISO dates', () => {
    expect(minDate('2026-03-09', '2026-10-01')).toBe('2026-03-09');
    expect(maxDate('2026-03-09', '2026-10-01')).toBe('2026-10-01');
  });
});

describe('time zones', () => {
  it('validates IANA names', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localDateOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it.each([
    ['2026-06-11T02:30:00Z', 'America/New_York', '2026-06-10', '22:30'],
    ['2026-06-11T02:30:00Z', 'UTC', '2026-06-11', '02:30'],
    ['2026-06-11T02:30:00Z', 'Asia/Kolkata', '2026-06-11', '08:00'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08', '03:00'],
    ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08', '01:59'],
  ])('toLocal(%s, %s) = %s %s', (iso, zone, date, time) => {
    const local = toLocal(new Date(iso), zone);
    expect(local.date).toBe(date);
    expect(formatLocalTime(local.minute)).toBe(time);
  });
});

describe('resolveLocalTime', () => {
  it.each([
    // America/New_York spring forward 2026-03-08: 02:00 EST → 03:00 EDT.
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z', 'exact', '01:59'],
    ['America/New_York', '2026-03-08', '02:00', '2026-03-08T07:00:00.000Z', 'gap-shifted', '03:00'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z', 'gap-shifted', '03:00'],
    ['America/New_York', '2026-03-08', '02:59', '2026-03-08T07:00:00.000Z', 'gap-shifted', '03:00'],
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00.000Z', 'exact', '03:00'],
    // America/New_York fall back 2026-11-01: 02:00 EDT → 01:00 EST; 01:00–01:59 happen twice.
    ['America/New_York', '2026-11-01', '00:59', '2026-11-01T04:59:00.000Z', 'exact', '00:59'],
    ['America/New_York', '2026-11-01', '01:00', '2026-11-01T05:00:00.000Z', 'ambiguous-earliest', '01:00'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', 'ambiguous-earliest', '01:30'],
    ['America/New_York', '2026-11-01', '01:59', '2026-11-01T05:59:00.000Z', 'ambiguous-earliest', '01:59'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z', 'exact', '02:00'],
    // Europe/London spring forward 2026-03-29: 01:00 GMT → 02:00 BST.
    ['Europe/London', '2026-03-29', '00:59', '2026-03-29T00:59:00.000Z', 'exact', '00:59'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:00:00.000Z', 'gap-shifted', '02:00'],
    ['Europe/London', '2026-03-29', '02:00', '2026-03-29T01:00:00.000Z', 'exact', '02:00'],
    // Europe/London fall back 2026-10-25: 02:00 BST → 01:00 GMT.
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', 'ambiguous-earliest', '01:30'],
    ['Europe/London', '2026-10-25', '02:00', '2026-10-25T02:00:00.000Z', 'exact', '02:00'],
    // Lord Howe shifts by 30 minutes (+10:30 → +11:00 at 02:00 on 2026-10-04).
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:30:00.000Z', 'gap-shifted', '02:30'],
    // No DST at all.
    ['Asia/Kolkata', '2026-03-08', '02:30', '2026-03-07T21:00:00.000Z', 'exact', '02:30'],
  ])('%s %s %s → %s (%s, local %s)', (zone, date, time, iso, resolution, shownTime) => {
    const minute = parseLocalTime(time) ?? -1;
    const resolved = resolveLocalTime(date, minute, zone);
    expect(resolved.instant.toISOString()).toBe(iso);
    expect(resolved.resolution).toBe(resolution);
    expect(resolved.localDate).toBe(date);
    expect(formatLocalTime(resolved.localMinute)).toBe(shownTime);
    // The instant really shows that local time.
    const back = toLocal(resolved.instant, zone);
    expect(formatLocalTime(back.minute)).toBe(shownTime);
  });
});
