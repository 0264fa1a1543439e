import { describe, expect, it } from 'vitest';
import { classifyIntent, isRepairable, type OurPayment } from './reconciliation.policy.ts';

const ours = (status: string, over: Partial<OurPayment> = {}): OurPayment => ({
  status,
  paymentIntentId: 'pi_hold',
  tipIntentIds: ['pi_tip'],
  ...over,
});
const pi = (id: string, status: string, bookingId: string | null = 'b1') => ({ id, status, bookingId });

describe('classifyIntent', () => {
  it.each([
    // Our hold, in every state of ours and Stripe's that matters.
    ['our hold held', pi('pi_hold', 'requires_capture'), ours('HELD'), null],
    ['our hold captured', pi('pi_hold', 'succeeded'), ours('CAPTURED'), null],
    ['our hold released', pi('pi_hold', 'canceled'), ours('RELEASED'), null],
    ['released here, live there', pi('pi_hold', 'requires_capture'), ours('RELEASED'), 'ORPHAN_HOLD'],
    ['cancelled here, live there', pi('pi_hold', 'requires_capture'), ours('CANCELLED'), 'ORPHAN_HOLD'],
    ['capture failed, live there', pi('pi_hold', 'requires_capture'), ours('CAPTURE_FAILED'), 'ORPHAN_HOLD'],
    ['released here, captured there', pi('pi_hold', 'succeeded'), ours('RELEASED'), 'CAPTURED_BUT_CANCELLED'],
    [
      'cancelled here, captured there',
      pi('pi_hold', 'succeeded'),
      ours('CANCELLED'),
      'CAPTURED_BUT_CANCELLED',
    ],
    // A second intent for the booking that we never recorded (an answer lost to an error).
    [
      'stray live hold',
      pi('pi_other', 'requires_capture'),
      ours('CANCELLED', { paymentIntentId: null }),
      'ORPHAN_HOLD',
    ],
    ['stray hold beside ours', pi('pi_other', 'requires_capture'), ours('HELD'), 'ORPHAN_HOLD'],
    ['stray captured charge', pi('pi_other', 'succeeded'), ours('CAPTURED'), 'UNKNOWN_OBJECT'],
    ['stray, already cancelled', pi('pi_other', 'canceled'), ours('CANCELLED'), null],
    // Tips are ours too.
    ['our tip', pi('pi_tip', 'succeeded'), ours('CAPTURED'), null],
    // Nothing of ours at all.
    ['no booking id', pi('pi_x', 'succeeded', null), null, 'UNKNOWN_OBJECT'],
    ['unknown booking, live', pi('pi_x', 'requires_capture'), null, 'UNKNOWN_OBJECT'],
    ['unknown booking, cancelled', pi('pi_x', 'canceled'), null, null],
  ] as const)('%s → %s', (_label, intent, payment, expected) => {
    expect(classifyIntent(intent, payment)).toBe(expected);
  });
});

describe('isRepairable', () => {
  it('repairs orphan holds and owed transfers only', () => {
    expect(isRepairable('ORPHAN_HOLD')).toBe(true);
    expect(isRepairable('SHARE_OWED_NOT_TRANSFERRED')).toBe(true);
    for (const k of ['CAPTURED_BUT_CANCELLED', 'AMOUNT_MISMATCH', 'UNKNOWN_OBJECT', 'UNSETTLED'] as const)
      expect(isRepairable(k)).toBe(false);
  });
});
