import { describe, expect, it } from 'vitest';
import { applyBps, formatBps, isBps, isMinorAmount } from './money.ts';

describe('applyBps (round half up)', () => {
  it.each([
    [12_000, 2_500, 3_000],
    [1, 5_000, 1], // 0.5 → 1
    [1, 4_999, 0], // 0.4999 → 0
    [3, 5_000, 2], // 1.5 → 2
    [101, 2_500, 25], // 25.25 → 25
    [102, 2_500, 26], // 25.5 → 26
    [0, 10_000, 0],
    [12_345, 10_000, 12_345],
    [12_345, 0, 0],
    [9_999_999_999, 3_333, 3_333_000_000], // 3 332 999 999.6667 → exact even for huge amounts
    [Number.MAX_SAFE_INTEGER, 5_000, 4_503_599_627_370_496], // 4 503 599 627 370 495.5 → up
  ])('%i × %i bp → %i', (amount, bps, expected) => {
    expect(applyBps(amount, bps)).toBe(expected);
  });

  it('validates amounts and basis points', () => {
    expect(isMinorAmount(0)).toBe(true);
    expect(isMinorAmount(1.5)).toBe(false);
    expect(isMinorAmount(-1)).toBe(false);
    expect(isMinorAmount('1')).toBe(false);
    expect(isBps(10_000)).toBe(true);
    expect(isBps(10_001)).toBe(false);
    expect(isBps(12.5)).toBe(false);
    expect(formatBps(1_250)).toBe('12.5%');
  });
});
