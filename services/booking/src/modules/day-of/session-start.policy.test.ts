import { describe, expect, it } from 'vitest';
import { DayOfError, type DayOfErrorCode } from './day-of.errors.ts';
import { assertSessionCanStart, type SessionStartInput } from './session-start.policy.ts';

const now = new Date('2026-03-01T15:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
type Outcome = 'CLEAR' | 'CLEAR_WITH_MODIFICATIONS' | 'DEFER' | 'REFER';
const check = (
  outcome: Outcome,
  recordedAt: Date,
  over: { passing?: boolean; visitEnded?: boolean } = {},
) => ({
  id: 'check-1',
  outcome,
  recordedAt,
  passing: over.passing ?? (outcome === 'CLEAR' || outcome === 'CLEAR_WITH_MODIFICATIONS'),
  visitEnded: over.visitEnded ?? outcome === 'REFER',
});

function codeOf(input: SessionStartInput): DayOfErrorCode | 'OK' {
  try {
    assertSessionCanStart(input);
    return 'OK';
  } catch (error) {
    if (error instanceof DayOfError) return error.code;
    throw error;
  }
}

const base: SessionStartInput = {
  now,
  dayOfCheck: check('CLEAR', minutesAgo(5)),
  bookingHasModifications: false,
  modificationsAcknowledgedAt: null,
};

describe('assertSessionCanStart', () => {
  it.each<[string, Partial<SessionStartInput>, DayOfErrorCode | 'OK']>([
    ['a fresh CLEAR check', {}, 'OK'],
    ['no check at all', { dayOfCheck: null }, 'DAY_OF_CHECK_REQUIRED'],
    ['a REFER check', { dayOfCheck: check('REFER', minutesAgo(1)) }, 'DAY_OF_CHECK_NOT_CLEAR'],
    [
      'a DEFER check that ended the visit',
      { dayOfCheck: check('DEFER', minutesAgo(1), { visitEnded: true }) },
      'DAY_OF_CHECK_NOT_CLEAR',
    ],
    [
      'a DEFER check still offering gentle-only',
      { dayOfCheck: check('DEFER', minutesAgo(1)) },
      'DAY_OF_CHECK_NOT_PASSING',
    ],
    ['a check exactly 2 h old', { dayOfCheck: check('CLEAR', minutesAgo(120)) }, 'OK'],
    [
      'a check 2 h and 1 ms old',
      { dayOfCheck: check('CLEAR', new Date(now.getTime() - 120 * 60_000 - 1)) },
      'DAY_OF_CHECK_STALE',
    ],
    [
      'modifications from the check, unacknowledged',
      { dayOfCheck: check('CLEAR_WITH_MODIFICATIONS', minutesAgo(5)) },
      'MODIFICATIONS_NOT_ACKNOWLEDGED',
    ],
    [
      'modifications from the check, acknowledged after it',
      {
        dayOfCheck: check('CLEAR_WITH_MODIFICATIONS', minutesAgo(5)),
        modificationsAcknowledgedAt: minutesAgo(4),
      },
      'OK',
    ],
    [
      'modifications acknowledged at the same instant as the check',
      {
        dayOfCheck: check('CLEAR_WITH_MODIFICATIONS', minutesAgo(5)),
        modificationsAcknowledgedAt: minutesAgo(5),
      },
      'OK',
    ],
    [
      'booking modifications acknowledged only at offer acceptance (before the check)',
      { bookingHasModifications: true, modificationsAcknowledgedAt: minutesAgo(600) },
      'MODIFICATIONS_NOT_ACKNOWLEDGED',
    ],
    [
      'booking modifications acknowledged again at the door',
      { bookingHasModifications: true, modificationsAcknowledgedAt: minutesAgo(1) },
      'OK',
    ],
  ])('%s → %s', (_label, patch, expected) => {
    expect(codeOf({ ...base, ...patch })).toBe(expected);
  });
});
