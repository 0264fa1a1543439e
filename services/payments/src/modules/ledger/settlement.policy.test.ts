import { describe, expect, it } from 'vitest';
import type { Account } from './ledger.policy.ts';
import { type PaymentState, type SettlementInput, settlementOf } from './settlement.policy.ts';

// A completed $120 booking with a $30 commission: captured, allocated, transferred.
const completed: Partial<Record<Account, number>> = {
  'platform.cash': 12_000 - 9_000,
  'platform.revenue': -3_000,
  'booking.clearing': 0,
  'therapist.payable': 0,
  'hold.authorized': 0,
  'hold.offset': 0,
  'therapist.connected': 9_000,
  'therapist.earnings': -9_000,
};
const base: SettlementInput = {
  settlement: 'FULL',
  status: 'CAPTURED',
  balances: completed,
  shareWaivedReason: null,
  pendingRefunds: 0,
};
const withBalances = (over: Partial<Record<Account, number>>) => ({
  ...base,
  balances: { ...completed, ...over },
});

describe('settlementOf', () => {
  it('a booking still running is not judged', () => {
    expect(settlementOf({ ...base, settlement: null, status: 'HELD' })).toEqual({ kind: 'RUNNING' });
  });

  it('a completed, allocated and transferred booking is settled', () => {
    expect(settlementOf(base)).toEqual({ kind: 'SETTLED', waived: null });
  });

  it('a release with an empty ledger is settled', () => {
    expect(settlementOf({ ...base, settlement: 'RELEASE', status: 'CANCELLED', balances: {} })).toEqual({
      kind: 'SETTLED',
      waived: null,
    });
  });

  it('finding 1: a fee whose therapist share stays owed is unsettled (SHARE_OWED)', () => {
    const fee = { 'platform.cash': 6_000, 'platform.revenue': -1_800, 'therapist.payable': -4_200 };
    expect(settlementOf({ ...base, settlement: 'FEE', balances: fee })).toEqual({
      kind: 'UNSETTLED',
      problems: ['SHARE_OWED'],
    });
  });

  it('an owed share waived with a reason is settled and names the reason', () => {
    const input = {
      ...withBalances({ 'therapist.payable': -4_200, 'platform.cash': 7_200 }),
      shareWaivedReason: 'Nothing could be charged: declined',
    };
    expect(settlementOf(input)).toEqual({ kind: 'SETTLED', waived: 'Nothing could be charged: declined' });
  });

  it('a blank waiver is no waiver', () => {
    const input = {
      ...withBalances({ 'therapist.payable': -1, 'platform.cash': 3_001 }),
      shareWaivedReason: '  ',
    };
    expect(settlementOf(input)).toEqual({ kind: 'UNSETTLED', problems: ['SHARE_OWED'] });
  });

  it('an overpaid therapist (payable positive) is unsettled too', () => {
    const input = withBalances({ 'therapist.payable': 500, 'platform.cash': 2_500 });
    expect(settlementOf(input)).toEqual({ kind: 'UNSETTLED', problems: ['SHARE_OWED'] });
  });

  it.each([
    ['unallocated clearing', { 'booking.clearing': -100, 'platform.cash': 3_100 }, ['CLEARING_LEFT']],
    ['an open hold', { 'hold.authorized': 12_000, 'hold.offset': -12_000 }, ['HOLD_OPEN']],
    ['half a hold pair', { 'hold.authorized': 12_000 }, ['UNBALANCED', 'HOLD_OPEN']],
    ['an unbalanced ledger', { 'platform.cash': 3_001 }, ['UNBALANCED']],
  ] as const)('%s → %j', (_label, over, problems) => {
    expect(settlementOf(withBalances(over))).toEqual({ kind: 'UNSETTLED', problems });
  });

  const states: PaymentState[] = [
    'SCHEDULED',
    'PENDING',
    'HELD',
    'HOLD_FAILED',
    'CAPTURED',
    'CAPTURE_FAILED',
    'RELEASED',
    'CANCELLED',
  ];
  it.each(states)('payment %s after the ending: in flight only while Stripe work is unfinished', (status) => {
    const result = settlementOf({ ...base, status });
    const unfinished = status === 'SCHEDULED' || status === 'PENDING' || status === 'HELD';
    expect(result).toEqual(
      unfinished ? { kind: 'UNSETTLED', problems: ['IN_FLIGHT'] } : { kind: 'SETTLED', waived: null },
    );
  });

  it('a refund not yet confirmed by Stripe keeps the booking in flight', () => {
    expect(settlementOf({ ...base, pendingRefunds: 1 })).toEqual({
      kind: 'UNSETTLED',
      problems: ['IN_FLIGHT'],
    });
  });

  it('every problem at once is listed in a stable order', () => {
    const input: SettlementInput = {
      settlement: 'FEE',
      status: 'HELD',
      balances: { 'booking.clearing': 1, 'hold.authorized': 5, 'therapist.payable': -3 },
      shareWaivedReason: null,
      pendingRefunds: 0,
    };
    expect(settlementOf(input)).toEqual({
      kind: 'UNSETTLED',
      problems: ['UNBALANCED', 'CLEARING_LEFT', 'HOLD_OPEN', 'SHARE_OWED', 'IN_FLIGHT'],
    });
  });
});
