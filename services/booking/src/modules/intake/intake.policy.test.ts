import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_MS,
  type DatedIntake,
  INTAKE_MAX_AGE_DAYS,
  intakeDateProblems,
  MAX_AGE_YEARS,
  reconfirmationReason,
} from './intake.policy.ts';

const now = new Date('2026-11-23T15:00:00.000Z');
const daysAgo = (d: number, extraMs = 0) => new Date(now.getTime() - d * 86_400_000 - extraMs);

describe('reconfirmationReason', () => {
  it.each([
    ['confirmed today', { confirmedAt: now }, null],
    ['confirmed 89 days ago', { confirmedAt: daysAgo(89) }, null],
    ['confirmed exactly 90 days ago', { confirmedAt: daysAgo(INTAKE_MAX_AGE_DAYS) }, null],
    ['confirmed 90 days and 1 ms ago', { confirmedAt: daysAgo(INTAKE_MAX_AGE_DAYS, 1) }, 'EXPIRED'],
    ['confirmed a year ago', { confirmedAt: daysAgo(365) }, 'EXPIRED'],
    ['never confirmed (changed at the door)', { confirmedAt: null }, 'CHANGED'],
  ] as const)('%s → %s', (_, intake, expected) => {
    expect(reconfirmationReason(intake, now)).toBe(expected);
  });
});

describe('intakeDateProblems', () => {
  const at = (iso: string) => new Date(iso);
  const none: DatedIntake = {
    dateOfBirth: '1990-06-15',
    redFlags: { headInjuryAt: null, neckTreatments: [] },
    recentEvents: { whiplashAt: null, surgery: null, lastChemotherapyAt: null },
  };
  const withEvent = (path: string, when: Date): DatedIntake => {
    switch (path) {
      case 'redFlags.headInjuryAt':
        return { ...none, redFlags: { ...none.redFlags, headInjuryAt: when } };
      case 'redFlags.neckTreatments.1.at':
        return {
          ...none,
          redFlags: { ...none.redFlags, neckTreatments: [{ at: at('2026-10-01T10:00:00Z') }, { at: when }] },
        };
      case 'recentEvents.whiplashAt':
        return { ...none, recentEvents: { ...none.recentEvents, whiplashAt: when } };
      case 'recentEvents.surgery.at':
        return { ...none, recentEvents: { ...none.recentEvents, surgery: { at: when } } };
      default:
        return { ...none, recentEvents: { ...none.recentEvents, lastChemotherapyAt: when } };
    }
  };
  const EVENTS = [
    'redFlags.headInjuryAt',
    'redFlags.neckTreatments.1.at',
    'recentEvents.whiplashAt',
    'recentEvents.surgery.at',
    'recentEvents.lastChemotherapyAt',
  ];

  it('an intake with no dated events and a believable birth date has no problem', () => {
    expect(intakeDateProblems(none, now)).toEqual([]);
  });

  describe.each(EVENTS)('%s', (path) => {
    it.each([
      ['a week ago', at('2026-11-16T15:00:00Z'), []],
      ['right now', now, []],
      ['within the clock skew', new Date(now.getTime() + CLOCK_SKEW_MS), []],
      ['just past the skew', new Date(now.getTime() + CLOCK_SKEW_MS + 1), ['must not be in the future']],
      ['next year', at('2027-11-23T15:00:00Z'), ['must not be in the future']],
      ['on the birth day, early in a UTC+14 zone', at('1990-06-14T10:00:00Z'), []],
      ['the day before birth', at('1990-06-14T09:59:59Z'), ['must not be before the date of birth']],
      ['decades before birth', at('1950-01-01T00:00:00Z'), ['must not be before the date of birth']],
    ] as const)('%s', (_, when, messages) => {
      expect(intakeDateProblems(withEvent(path, when), now)).toEqual(
        messages.map((message) => ({ path, message })),
      );
    });
  });

  it.each([
    ['today', '2026-11-23', []],
    ['tomorrow (UTC) is still today somewhere', '2026-11-24', []],
    ['two days ahead', '2026-11-25', ['must not be in the future']],
    ['next year', '2027-01-01', ['must not be in the future']],
    ['exactly 120 years ago', '1906-11-23', []],
    ['120 years and a day ago', '1906-11-22', [`must give an age of at most ${MAX_AGE_YEARS} years`]],
    ['in 1900', '1900-01-01', [`must give an age of at most ${MAX_AGE_YEARS} years`]],
  ] as const)('date of birth %s', (_, dateOfBirth, messages) => {
    expect(intakeDateProblems({ ...none, dateOfBirth }, now)).toEqual(
      messages.map((message) => ({ path: 'dateOfBirth', message })),
    );
  });

  it('reports every problem, each naming its field', () => {
    const future = at('2027-01-01T00:00:00Z');
    const intake: DatedIntake = {
      dateOfBirth: '1990-06-15',
      redFlags: { headInjuryAt: future, neckTreatments: [{ at: at('1980-01-01T00:00:00Z') }] },
      recentEvents: { whiplashAt: null, surgery: { at: future }, lastChemotherapyAt: future },
    };
    expect(intakeDateProblems(intake, now).map((p) => p.path)).toEqual([
      'redFlags.headInjuryAt',
      'redFlags.neckTreatments.0.at',
      'recentEvents.surgery.at',
      'recentEvents.lastChemotherapyAt',
    ]);
  });

  it('an unbelievable birth date is reported alone: events are not judged against it', () => {
    const intake = withEvent('recentEvents.surgery.at', at('2020-01-01T00:00:00Z'));
    expect(intakeDateProblems({ ...intake, dateOfBirth: '2030-01-01' }, now)).toEqual([
      { path: 'dateOfBirth', message: 'must not be in the future' },
    ]);
  });
});
