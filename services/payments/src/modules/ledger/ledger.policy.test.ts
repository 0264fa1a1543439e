import { describe, expect, it } from 'vitest';
import { type LedgerEntry, ledger } from './ledger.policy.ts';

const scope = { bookingId: 'b1', therapistId: 't1', currency: 'USD' };
const sum = (entries: LedgerEntry[], account?: string) =>
  entries
    .flatMap((e) => e.postings)
    .filter((p) => !account || p.account === account)
    .reduce((s, p) => s + p.amount, 0);

describe('ledger entries', () => {
  it('every entry balances', () => {
    const entries = [
      ledger.hold(scope, 13_800, 'pi'),
      ledger.holdClosed(scope, 13_800, 'captured'),
      ledger.capture(scope, 'c', 13_800, 'ch', 'x'),
      ledger.commission(scope, 'f', 3_000),
      ledger.therapistShare(scope, 's', 9_000, 'x'),
      ledger.tip(scope, 't', 1_800),
      ledger.transfer(scope, 'tr', 10_800, 'tr_1'),
      ledger.refund(scope, 'r', 5_000, 3_913, 0, 're_1'),
      ledger.refund(scope, 'r2', 1_000, 0, 783, null),
      ledger.payout({ ...scope, bookingId: null }, 6_887, 'po_1'),
    ];
    for (const e of entries)
      expect(
        e.postings.reduce((s, p) => s + p.amount, 0),
        e.reference,
      ).toBe(0);
  });

  it('a completed booking leaves nothing in clearing, on hold or owed', () => {
    const entries = [
      ledger.hold(scope, 13_800, 'pi'),
      ledger.holdClosed(scope, 13_800, 'captured'),
      ledger.capture(scope, 'c', 13_800, 'ch', 'x'),
      ledger.commission(scope, 'f', 3_000),
      ledger.therapistShare(scope, 's', 9_000, 'x'),
      ledger.tip(scope, 't', 1_800),
      ledger.transfer(scope, 'tr', 10_800, 'tr_1'),
    ];
    expect(sum(entries)).toBe(0);
    for (const account of ['booking.clearing', 'hold.authorized', 'hold.offset', 'therapist.payable']) {
      expect(sum(entries, account), account).toBe(0);
    }
    expect(sum(entries, 'platform.cash')).toBe(3_000);
    expect(sum(entries, 'platform.revenue')).toBe(-3_000);
    expect(sum(entries, 'therapist.earnings')).toBe(-10_800);
  });

  it('a full refund with the therapist part reversed zeroes cash, revenue and earnings', () => {
    const entries = [
      ledger.capture(scope, 'c', 13_800, 'ch', 'x'),
      ledger.commission(scope, 'f', 3_000),
      ledger.therapistShare(scope, 's', 10_800, 'x'),
      ledger.transfer(scope, 'tr', 10_800, 'tr_1'),
      ledger.refund(scope, 'r', 13_800, 10_800, 0, 're'),
    ];
    for (const account of [
      'platform.cash',
      'platform.revenue',
      'therapist.earnings',
      'therapist.connected',
    ]) {
      expect(sum(entries, account), account).toBe(0);
    }
  });

  it('refuses unbalanced or impossible amounts', () => {
    expect(() => ledger.hold(scope, 0, 'pi')).toThrow(RangeError);
    expect(() => ledger.capture(scope, 'c', 1.5, 'ch', 'x')).toThrow(RangeError);
    expect(() => ledger.refund(scope, 'r', 100, 80, 30, null)).toThrow(RangeError);
    expect(() => ledger.refund(scope, 'r', 100, -1, 0, null)).toThrow(RangeError);
  });

  it('drops zero postings (a booking without a tip writes no tip lines)', () => {
    expect(ledger.tip(scope, 't', 0).postings).toEqual([]);
  });
});
