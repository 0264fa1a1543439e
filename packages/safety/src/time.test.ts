import { describe, expect, it } from 'vitest';
import { ageOn, daysBetween, hoursBetween, isValidDate } from './time.ts';

const d = (iso: string) => new Date(iso);

describe('ageOn', () => {
  it.each([
    ['1976-11-21', '2026-11-21', 50],
    ['1976-11-22', '2026-11-21', 49],
    ['1976-12-01', '2026-11-21', 49],
    ['1976-10-30', '2026-11-21', 50],
    ['2000-02-29', '2026-02-28', 25],
    ['2000-02-29', '2026-03-01', 26],
  ])('born %s is %s years on %s', (born, on, age) => {
    expect(ageOn(d(`${born}T00:00:00.000Z`), d(`${on}T12:00:00.000Z`))).toBe(age);
  });

  it('uses the UTC date, not the server time zone', () => {
    expect(ageOn(d('1976-11-21T23:30:00.000Z'), d('2026-11-21T00:30:00.000Z'))).toBe(50);
  });
});

describe('durations', () => {
  it('are signed and fractional', () => {
    expect(hoursBetween(d('2026-01-01T00:00:00Z'), d('2026-01-01T01:30:00Z'))).toBe(1.5);
    expect(daysBetween(d('2026-01-03T00:00:00Z'), d('2026-01-01T00:00:00Z'))).toBe(-2);
  });

  it('recognise invalid dates', () => {
    expect(isValidDate(new Date('x'))).toBe(false);
    expect(isValidDate('2026-01-01')).toBe(false);
    expect(isValidDate(new Date(0))).toBe(true);
  });
});
