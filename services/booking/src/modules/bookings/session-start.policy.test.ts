import { describe, expect, it } from 'vitest';
import { BookingError, type BookingErrorCode } from './booking.errors.ts';
import { assertSessionCanStart, type SessionStartInput } from './session-start.policy.ts';

const now = new Date('2026-03-01T15:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function codeOf(input: SessionStartInput): BookingErrorCode | 'OK' {
  try {
    assertSessionCanStart(input);
    return 'OK';
  } catch (error) {
    if (error instanceof BookingError) return error.code;
    throw error;
  }
}

const base: SessionStartInput = {
  now,
  dayOfCheck: { outcome: 'CLEAR', recordedAt: minutesAgo(5) },
  bookingHasModifications: false,
  modificationsAcknowledgedAt: null,
};

describe('assertSessionCanStart', () => {
  it.each<[string, Partial<SessionStartInput>, BookingErrorCode | 'OK']>([
    ['a fresh CLEAR check', {}, 'OK'],
    ['no check at all', { dayOfCheck: null }, 'DAY_OF_CHECK_REQUIRED'],
    [
      'a REFER check',
      { dayOfCheck: { outcome: 'REFER', recordedAt: minutesAgo(1) } },
      'DAY_OF_CHECK_NOT_CLEAR',
    ],
    [
      'a DEFER check',
      { dayOfCheck: { outcome: 'DEFER', recordedAt: minutesAgo(1) } },
      'DAY_OF_CHECK_NOT_CLEAR',
    ],
    ['a check exactly 2 h old', { dayOfCheck: { outcome: 'CLEAR', recordedAt: minutesAgo(120) } }, 'OK'],
    [
      'a check 2 h and 1 ms old',
      { dayOfCheck: { outcome: 'CLEAR', recordedAt: new Date(now.getTime() - 120 * 60_000 - 1) } },
      'DAY_OF_CHECK_STALE',
    ],
    [
      'modifications from the check, unacknowledged',
      { dayOfCheck: { outcome: 'CLEAR_WITH_MODIFICATIONS', recordedAt: minutesAgo(5) } },
      'MODIFICATIONS_NOT_ACKNOWLEDGED',
    ],
    [
      'modifications from the check, acknowledged after it',
      {
        dayOfCheck: { outcome: 'CLEAR_WITH_MODIFICATIONS', recordedAt: minutesAgo(5) },
        modificationsAcknowledgedAt: minutesAgo(4),
      },
      'OK',
    ],
    [
      'modifications acknowledged at the same instant as the check',
      {
        dayOfCheck: { outcome: 'CLEAR_WITH_MODIFICATIONS', recordedAt: minutesAgo(5) },
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
