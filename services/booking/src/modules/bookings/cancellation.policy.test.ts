import { describe, expect, it } from 'vitest';
import { BookingError, type BookingErrorCode } from './booking.errors.ts';
import {
  type CancellationActor,
  type CancellationInput,
  type CancellationPolicy,
  type CancellationReason,
  cancellationFee,
  DEFAULT_CANCELLATION_POLICY,
} from './cancellation.policy.ts';

const MS = 1;
const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const startsAt = new Date('2026-03-10T18:00:00Z');
const beforeStart = (ms: number) => new Date(startsAt.getTime() - ms);
const afterStart = (ms: number) => new Date(startsAt.getTime() + ms);

function clientCancel(patch: Partial<CancellationInput> = {}): CancellationInput {
  return {
    actor: 'CLIENT',
    reason: 'CLIENT_REQUEST',
    confirmedAt: beforeStart(7 * DAY),
    startsAt,
    now: beforeStart(DAY),
    servicePrice: 12_000,
    ...patch,
  };
}

const fee = (input: CancellationInput, policy: CancellationPolicy = DEFAULT_CANCELLATION_POLICY) =>
  cancellationFee(policy, input);

function errorCode(fn: () => unknown): BookingErrorCode | 'OK' {
  try {
    fn();
    return 'OK';
  } catch (error) {
    if (error instanceof BookingError) return error.code;
    throw error;
  }
}

describe('client cancellation windows (free ≥ 24 h, 50 % ≥ 2 h, 100 % after)', () => {
  it.each([
    ['48 h before', beforeStart(2 * DAY), 'FREE', 0],
    ['24 h + 1 ms before', beforeStart(DAY + MS), 'FREE', 0],
    ['exactly 24 h before', beforeStart(DAY), 'FREE', 0],
    ['24 h − 1 ms before', beforeStart(DAY - MS), 'LATE', 6_000],
    ['23 h 59 min before', beforeStart(DAY - MIN), 'LATE', 6_000],
    ['2 h 1 min before', beforeStart(2 * HOUR + MIN), 'LATE', 6_000],
    ['exactly 2 h before', beforeStart(2 * HOUR), 'LATE', 6_000],
    ['2 h − 1 ms before', beforeStart(2 * HOUR - MS), 'VERY_LATE', 12_000],
    ['1 min before', beforeStart(MIN), 'VERY_LATE', 12_000],
    ['at the start', startsAt, 'VERY_LATE', 12_000],
    ['30 min after the start', afterStart(30 * MIN), 'VERY_LATE', 12_000],
  ])('%s → %s, fee %i', (_label, now, window, feeAmount) => {
    const result = fee(clientCancel({ now }));
    expect(result.window).toBe(window);
    expect(result.feeAmount).toBe(feeAmount);
    expect(result.releaseAmount).toBe(12_000 - feeAmount);
    expect(result.therapistShare).toBe((feeAmount * 7) / 10);
    expect(result.platformShare).toBe((feeAmount * 3) / 10);
    expect(result.reliabilityPenalty).toBe(false);
    expect(result.rescheduleAllowed).toBe(false);
  });

  it('explains the window and the percentage', () => {
    expect(fee(clientCancel({ now: beforeStart(5 * HOUR) }))).toEqual({
      policyVersion: 'default-2026-01',
      window: 'LATE',
      feeBps: 5_000,
      feeAmount: 6_000,
      therapistShare: 4_200,
      platformShare: 1_800,
      releaseAmount: 6_000,
      reliabilityPenalty: false,
      rescheduleAllowed: false,
      explanation: 'Cancelled less than 24 hours before the start: 50% fee.',
    });
    expect(fee(clientCancel({ now: beforeStart(2 * DAY) })).explanation).toBe(
      'Cancelled 24 hours or more before the start: no fee.',
    );
  });
});

describe('grace after confirmation (10 min, inclusive)', () => {
  const now = beforeStart(5 * HOUR); // inside the 50 % window
  const confirmedBefore = (ms: number) => new Date(now.getTime() - ms);
  it.each([
    ['at confirmation', 0, 'GRACE', 0],
    ['9:59 after', 9 * MIN + 59 * SEC, 'GRACE', 0],
    ['exactly 10:00 after', 10 * MIN, 'GRACE', 0],
    ['10:00.001 after', 10 * MIN + MS, 'LATE', 6_000],
    ['10:01 after', 10 * MIN + SEC, 'LATE', 6_000],
    ['11:00 after', 11 * MIN, 'LATE', 6_000],
  ])('%s → %s', (_label, elapsed, window, feeAmount) => {
    const result = fee(clientCancel({ now, confirmedAt: confirmedBefore(elapsed) }));
    expect(result.window).toBe(window);
    expect(result.feeAmount).toBe(feeAmount);
  });

  it('waives even the 100 % window for a short-notice booking', () => {
    const confirmedAt = beforeStart(60 * MIN);
    const inGrace = fee(clientCancel({ confirmedAt, now: beforeStart(55 * MIN) }));
    expect(inGrace).toMatchObject({ window: 'GRACE', feeAmount: 0, releaseAmount: 12_000 });
    expect(inGrace.explanation).toBe('Cancelled within 10 minutes of confirmation: no fee.');
    expect(fee(clientCancel({ confirmedAt, now: beforeStart(49 * MIN) }))).toMatchObject({
      window: 'VERY_LATE',
      feeAmount: 12_000,
    });
  });

  it('reports FREE rather than GRACE when the window is free anyway', () => {
    const now = beforeStart(3 * DAY);
    expect(fee(clientCancel({ now, confirmedAt: new Date(now.getTime() - MIN) })).window).toBe('FREE');
  });

  it('charges nothing while no therapist has confirmed', () => {
    expect(fee(clientCancel({ confirmedAt: null, now: beforeStart(30 * MIN) }))).toMatchObject({
      window: 'NOT_CONFIRMED',
      feeAmount: 0,
      releaseAmount: 12_000,
      explanation: 'No therapist had confirmed yet: no fee.',
    });
  });
});

describe('no-show (after a 20-minute wait → 100 %)', () => {
  const noShow = (patch: Partial<CancellationInput>) =>
    clientCancel({ actor: 'THERAPIST', reason: 'CLIENT_NO_SHOW', ...patch });
  it.each([
    [
      'arrived early, 19:59 after the start',
      beforeStart(5 * MIN),
      afterStart(19 * MIN + 59 * SEC),
      'NO_SHOW_TOO_EARLY',
    ],
    ['arrived early, exactly 20:00 after the start', beforeStart(5 * MIN), afterStart(20 * MIN), 'NO_SHOW'],
    ['arrival not given, 20:00 after the start', null, afterStart(20 * MIN), 'NO_SHOW'],
    ['arrival not given, before the start', null, beforeStart(MIN), 'NO_SHOW_TOO_EARLY'],
    [
      'arrived 10 min late, 25 min after the start',
      afterStart(10 * MIN),
      afterStart(25 * MIN),
      'NO_SHOW_TOO_EARLY',
    ],
    ['arrived 10 min late, 30 min after the start', afterStart(10 * MIN), afterStart(30 * MIN), 'NO_SHOW'],
  ])('%s → %s', (_label, arrivedAt, now, expected) => {
    const run = () => fee(noShow({ arrivedAt, now }));
    if (expected === 'NO_SHOW') {
      expect(run()).toMatchObject({
        window: 'NO_SHOW',
        feeAmount: 12_000,
        therapistShare: 8_400,
        platformShare: 3_600,
        releaseAmount: 0,
      });
    } else {
      expect(errorCode(run)).toBe(expected);
    }
  });

  it('says why', () => {
    expect(fee(noShow({ now: afterStart(21 * MIN) })).explanation).toBe(
      'The client did not show after the therapist waited 20 minutes: 100% fee.',
    );
  });
});

describe('fee-free outcomes', () => {
  it.each<[string, CancellationActor, CancellationReason, Date, string, boolean, boolean]>([
    [
      'REFER at the door',
      'THERAPIST',
      'SCREENING_REFER',
      afterStart(5 * MIN),
      'SCREENING_REFER',
      false,
      false,
    ],
    [
      'REFER on re-screening',
      'SYSTEM',
      'SCREENING_REFER',
      beforeStart(HOUR),
      'SCREENING_REFER',
      false,
      false,
    ],
    [
      'DEFER at the door',
      'THERAPIST',
      'SCREENING_DEFER',
      afterStart(5 * MIN),
      'SCREENING_DEFER',
      false,
      true,
    ],
    [
      'DEFER reported by the client',
      'CLIENT',
      'SCREENING_DEFER',
      beforeStart(HOUR),
      'SCREENING_DEFER',
      false,
      true,
    ],
    [
      'therapist cancels a day ahead',
      'THERAPIST',
      'THERAPIST_REQUEST',
      beforeStart(DAY),
      'THERAPIST_CANCELLED',
      true,
      false,
    ],
    [
      'therapist cancels 30 min ahead',
      'THERAPIST',
      'THERAPIST_REQUEST',
      beforeStart(30 * MIN),
      'THERAPIST_CANCELLED',
      true,
      false,
    ],
    ['platform cancels', 'SYSTEM', 'PLATFORM', beforeStart(30 * MIN), 'PLATFORM_CANCELLED', false, false],
  ])('%s → no fee', (_label, actor, reason, now, window, penalty, reschedule) => {
    expect(fee(clientCancel({ actor, reason, now }))).toMatchObject({
      window,
      feeBps: 0,
      feeAmount: 0,
      therapistShare: 0,
      platformShare: 0,
      releaseAmount: 12_000,
      reliabilityPenalty: penalty,
      rescheduleAllowed: reschedule,
    });
  });
});

describe('actor × reason', () => {
  const actors: CancellationActor[] = ['CLIENT', 'THERAPIST', 'SYSTEM'];
  const expected: Record<CancellationReason, CancellationActor[]> = {
    CLIENT_REQUEST: ['CLIENT'],
    THERAPIST_REQUEST: ['THERAPIST'],
    CLIENT_NO_SHOW: ['THERAPIST', 'SYSTEM'],
    SCREENING_REFER: ['CLIENT', 'THERAPIST', 'SYSTEM'],
    SCREENING_DEFER: ['CLIENT', 'THERAPIST', 'SYSTEM'],
    PLATFORM: ['SYSTEM'],
  };
  const cases = (Object.keys(expected) as CancellationReason[]).flatMap((reason) =>
    actors.map((actor) => ({ reason, actor, allowed: expected[reason].includes(actor) })),
  );
  it.each(cases)('$actor with $reason → allowed: $allowed', ({ actor, reason, allowed }) => {
    const code = errorCode(() => fee(clientCancel({ actor, reason, now: afterStart(25 * MIN) })));
    expect(code).toBe(allowed ? 'OK' : 'INVALID_CANCELLATION');
  });
});

describe('rounding (half up) and invariants', () => {
  it.each([
    [12_345, 6_173, 4_321, 1_852], // 6 172.5 → 6 173; 4 321.1 → 4 321
    [12_001, 6_001, 4_201, 1_800], // 6 000.5 → 6 001; 4 200.7 → 4 201
    [1, 1, 1, 0], // 0.5 → 1; 0.7 → 1
    [0, 0, 0, 0],
  ])(
    'service %i in the 50 %% window → fee %i = therapist %i + platform %i',
    (servicePrice, feeAmount, therapistShare, platformShare) => {
      expect(fee(clientCancel({ servicePrice, now: beforeStart(5 * HOUR) }))).toMatchObject({
        feeAmount,
        therapistShare,
        platformShare,
        releaseAmount: servicePrice - feeAmount,
      });
    },
  );

  it('always splits the fee exactly and never charges more than the price', () => {
    for (let servicePrice = 0; servicePrice < 3_000; servicePrice += 7) {
      for (const minutesBefore of [-30, 0, 60, 119, 120, 600, 1_439, 1_440, 3_000]) {
        const r = fee(clientCancel({ servicePrice, now: beforeStart(minutesBefore * MIN) }));
        expect(r.therapistShare + r.platformShare).toBe(r.feeAmount);
        expect(r.feeAmount + r.releaseAmount).toBe(servicePrice);
        expect(r.feeAmount).toBeLessThanOrEqual(servicePrice);
      }
    }
  });
});

describe('policy as data', () => {
  it('applies a different stored policy', () => {
    const policy: CancellationPolicy = {
      version: 'strict-2026',
      graceAfterConfirmationMinutes: 0,
      windows: [
        { code: 'FREE', minMinutesBeforeStart: 48 * 60, feeBps: 0, label: 'Cancelled 48 h or more ahead' },
        { code: 'QUARTER', minMinutesBeforeStart: 24 * 60, feeBps: 2_500, label: 'Cancelled 24–48 h ahead' },
        { code: 'FULL', minMinutesBeforeStart: 0, feeBps: 10_000, label: 'Cancelled less than 24 h ahead' },
      ],
      therapistShareBps: 10_000,
      noShow: { waitMinutes: 15, feeBps: 5_000 },
    };
    expect(fee(clientCancel({ now: beforeStart(30 * HOUR) }), policy)).toMatchObject({
      policyVersion: 'strict-2026',
      window: 'QUARTER',
      feeAmount: 3_000,
      therapistShare: 3_000,
      platformShare: 0,
      explanation: 'Cancelled 24–48 h ahead: 25% fee.',
    });
    const confirmedAt = beforeStart(5 * HOUR);
    expect(fee(clientCancel({ confirmedAt, now: confirmedAt }), policy).window).toBe('GRACE');
    expect(fee(clientCancel({ confirmedAt, now: new Date(confirmedAt.getTime() + 1) }), policy).window).toBe(
      'FULL',
    );
    expect(
      fee(clientCancel({ actor: 'SYSTEM', reason: 'CLIENT_NO_SHOW', now: afterStart(15 * MIN) }), policy),
    ).toMatchObject({
      feeAmount: 6_000,
    });
  });

  const base = DEFAULT_CANCELLATION_POLICY;
  it.each<[string, Partial<CancellationPolicy>]>([
    ['no windows', { windows: [] }],
    ['windows out of order', { windows: [base.windows[1]!, base.windows[0]!, base.windows[2]!] }],
    ['two windows with the same start', { windows: [base.windows[0]!, base.windows[0]!, base.windows[2]!] }],
    ['no window down to 0 minutes', { windows: [base.windows[0]!, base.windows[1]!] }],
    [
      'a fee over 100 %',
      { windows: [{ ...base.windows[0]!, feeBps: 10_001 }, base.windows[1]!, base.windows[2]!] },
    ],
    ['a therapist share over 100 %', { therapistShareBps: 10_001 }],
    ['a negative grace', { graceAfterConfirmationMinutes: -1 }],
    ['a fractional no-show wait', { noShow: { waitMinutes: 20.5, feeBps: 10_000 } }],
  ])('refuses a policy with %s (INVALID_POLICY)', (_label, patch) => {
    expect(errorCode(() => fee(clientCancel(), { ...base, ...patch }))).toBe('INVALID_POLICY');
  });

  it.each<[string, Partial<CancellationInput>]>([
    ['a negative price', { servicePrice: -1 }],
    ['a fractional price', { servicePrice: 1.5 }],
    ['a confirmation after the cancellation', { confirmedAt: afterStart(DAY) }],
    ['an invalid date', { now: new Date(Number.NaN) }],
    ['an unknown reason', { reason: 'BORED' as CancellationReason }],
  ])('refuses an input with %s (INVALID_CANCELLATION)', (_label, patch) => {
    expect(errorCode(() => fee(clientCancel(patch)))).toBe('INVALID_CANCELLATION');
  });
});
