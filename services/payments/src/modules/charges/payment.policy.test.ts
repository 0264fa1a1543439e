import { describe, expect, it } from 'vitest';
import {
  completionSplit,
  declineMessage,
  feeSplit,
  holdAmount,
  isSafetyCancellation,
  planHold,
  refundable,
  refundTherapistPortion,
  tipWindowOpen,
} from './payment.policy.ts';

const H = 3_600_000;
const now = new Date('2026-11-23T15:00:00.000Z');
const at = (hours: number) => new Date(now.getTime() + hours * H);

describe('planHold', () => {
  it('holds now up to exactly 6 days ahead', () => {
    expect(planHold(at(1), now)).toEqual({ kind: 'NOW' });
    expect(planHold(at(6 * 24), now)).toEqual({ kind: 'NOW' });
  });
  it('schedules anything further out for 48 h before the start', () => {
    expect(planHold(new Date(at(6 * 24).getTime() + 1), now)).toEqual({
      kind: 'SCHEDULED',
      authorizeAt: new Date(at(6 * 24).getTime() + 1 - 48 * H),
    });
    expect(planHold(at(30 * 24), now)).toEqual({ kind: 'SCHEDULED', authorizeAt: at(30 * 24 - 48) });
  });
});

describe('splits', () => {
  it('completion: the whole hold, commission on the service price, the tip to the therapist', () => {
    const price = { subtotal: 12_000, platformFee: 3_000, tip: 1_800 };
    expect(holdAmount(price)).toBe(13_800);
    const s = completionSplit(price);
    expect(s).toEqual({ capture: 13_800, commission: 3_000, therapistShare: 9_000, tip: 1_800 });
    expect(s.commission + s.therapistShare + s.tip).toBe(s.capture);
  });
  it('refuses a commission above the price and negative or fractional amounts', () => {
    expect(() => completionSplit({ subtotal: 100, platformFee: 101, tip: 0 })).toThrow(RangeError);
    expect(() => completionSplit({ subtotal: -1, platformFee: 0, tip: 0 })).toThrow(RangeError);
    expect(() => completionSplit({ subtotal: 10.5, platformFee: 0, tip: 0 })).toThrow(RangeError);
    expect(() => holdAmount({ subtotal: 100, platformFee: 0, tip: -5 })).toThrow(RangeError);
  });
  it('fee: captures the fee only; the therapist share within it; never more than held', () => {
    expect(feeSplit(6_000, 3_000, 13_800)).toEqual({
      capture: 6_000,
      commission: 3_000,
      therapistShare: 3_000,
      tip: 0,
    });
    expect(feeSplit(0, 0, 100)).toEqual({ capture: 0, commission: 0, therapistShare: 0, tip: 0 });
    expect(() => feeSplit(100, 101, 1_000)).toThrow(RangeError);
    expect(() => feeSplit(1_001, 0, 1_000)).toThrow(RangeError);
  });
});

describe('refundTherapistPortion', () => {
  const base = { captured: 13_800, therapistAmount: 10_800 };
  it('is proportional and adds up exactly over several partial refunds', () => {
    const parts = [1, 3_333, 5_000, 5_466];
    let before = 0;
    let total = 0;
    for (const refund of parts) {
      total += refundTherapistPortion({ ...base, refund, refundedBefore: before });
      before += refund;
    }
    expect(before).toBe(13_800);
    expect(total).toBe(10_800);
  });
  it('a full refund returns everything the therapist received; zero returns zero', () => {
    expect(refundTherapistPortion({ ...base, refund: 13_800, refundedBefore: 0 })).toBe(10_800);
    expect(refundTherapistPortion({ ...base, refund: 0, refundedBefore: 500 })).toBe(0);
  });
  it('refuses refunds beyond what was captured', () => {
    expect(() => refundTherapistPortion({ ...base, refund: 2, refundedBefore: 13_799 })).toThrow(RangeError);
  });
  it('refundable never goes negative', () => {
    expect(refundable(1_000, 400)).toBe(600);
    expect(refundable(1_000, 1_000)).toBe(0);
    expect(refundable(1_000, 1_200)).toBe(0);
  });
});

describe('tips and cancellations', () => {
  it('the tip window is 24 h after completion, inclusive', () => {
    expect(tipWindowOpen(now, at(24))).toBe(true);
    expect(tipWindowOpen(now, new Date(at(24).getTime() + 1))).toBe(false);
  });
  it('safety cancellations are never charged', () => {
    expect(isSafetyCancellation('SCREENING_REFER')).toBe(true);
    expect(isSafetyCancellation('SCREENING_DEFER')).toBe(true);
    expect(isSafetyCancellation('CLIENT_REQUEST')).toBe(false);
  });
});

describe('declineMessage', () => {
  it.each([
    ['card_declined', 'insufficient_funds', /insufficient funds/],
    ['expired_card', null, /expired/],
    ['card_declined', 'generic_decline', /declined/],
    ['card_declined', 'fraudulent', /^Your card was declined\. Use another card/],
    ['card_declined', 'lost_card', /^Your card was declined\. Use another card/],
    ['processing_error', null, /try again/i],
    [null, null, /declined/],
  ])('%s / %s', (code, decline, pattern) => {
    expect(declineMessage(code, decline)).toMatch(pattern);
  });
});
