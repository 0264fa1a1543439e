import { describe, expect, it } from 'vitest';
import { INTAKE_MAX_AGE_DAYS, reconfirmationReason } from './intake.policy.ts';

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
