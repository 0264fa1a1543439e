/**
 * The chart of accounts and the balanced transactions each money movement
 * writes. Debits are positive, credits negative; every transaction sums to zero.
 *
 * Platform books:
 *   platform.cash        the platform's Stripe balance
 *   platform.revenue     commission and the platform's part of fees
 *   booking.clearing     captured for a booking, not yet allocated
 *   therapist.payable    owed to a therapist, not yet transferred
 *   hold.authorized / hold.offset   memo pair: authorised on the client's card, not money yet
 * The therapist's connected account, as the platform sees it:
 *   therapist.connected  their Stripe balance
 *   therapist.earnings   what they have earned through the platform
 *   therapist.bank       paid out to their bank
 */

export type Account =
  | 'platform.cash'
  | 'platform.revenue'
  | 'booking.clearing'
  | 'therapist.payable'
  | 'hold.authorized'
  | 'hold.offset'
  | 'therapist.connected'
  | 'therapist.earnings'
  | 'therapist.bank';

export type LedgerKind =
  | 'HOLD'
  | 'HOLD_CLOSED'
  | 'CAPTURE'
  | 'COMMISSION'
  | 'THERAPIST_SHARE'
  | 'TIP'
  | 'TRANSFER'
  | 'REFUND'
  | 'PAYOUT'
  | 'REPAIR';

export interface Posting {
  account: Account;
  amount: number;
}

export interface LedgerEntry {
  reference: string;
  kind: LedgerKind;
  description: string;
  currency: string;
  bookingId: string | null;
  therapistId: string | null;
  stripeId: string | null;
  postings: Posting[];
}

type Scope = { bookingId: string | null; therapistId: string | null; currency: string };

function entry(
  kind: LedgerKind,
  reference: string,
  description: string,
  scope: Scope,
  postings: Posting[],
  stripeId: string | null = null,
): LedgerEntry {
  const nonZero = postings.filter((p) => p.amount !== 0);
  for (const p of nonZero) {
    if (!Number.isInteger(p.amount)) throw new RangeError(`${reference}: amounts must be integers`);
  }
  const sum = nonZero.reduce((s, p) => s + p.amount, 0);
  if (sum !== 0) throw new RangeError(`${reference}: postings do not balance (${sum})`);
  return { kind, reference, description, stripeId, postings: nonZero, ...scope };
}

const positive = (name: string, amount: number) => {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError(`${name} must be a positive integer`);
};

export const ledger = {
  hold(scope: Scope, amount: number, paymentIntentId: string): LedgerEntry {
    positive('hold', amount);
    return entry(
      'HOLD',
      `hold-${scope.bookingId}`,
      'Card hold placed',
      scope,
      [
        { account: 'hold.authorized', amount },
        { account: 'hold.offset', amount: -amount },
      ],
      paymentIntentId,
    );
  },

  /** The hold ends (captured in part or full, released, or expired): the memo pair closes. */
  holdClosed(scope: Scope, amount: number, how: 'captured' | 'released' | 'expired'): LedgerEntry {
    positive('hold', amount);
    return entry('HOLD_CLOSED', `hold-closed-${scope.bookingId}`, `Card hold ${how}`, scope, [
      { account: 'hold.offset', amount },
      { account: 'hold.authorized', amount: -amount },
    ]);
  },

  capture(scope: Scope, reference: string, amount: number, chargeId: string, what: string): LedgerEntry {
    positive('capture', amount);
    return entry(
      'CAPTURE',
      reference,
      what,
      scope,
      [
        { account: 'platform.cash', amount },
        { account: 'booking.clearing', amount: -amount },
      ],
      chargeId,
    );
  },

  commission(scope: Scope, reference: string, amount: number): LedgerEntry {
    return entry('COMMISSION', reference, 'Platform commission', scope, [
      { account: 'booking.clearing', amount },
      { account: 'platform.revenue', amount: -amount },
    ]);
  },

  therapistShare(scope: Scope, reference: string, amount: number, what: string): LedgerEntry {
    return entry('THERAPIST_SHARE', reference, what, scope, [
      { account: 'booking.clearing', amount },
      { account: 'therapist.payable', amount: -amount },
    ]);
  },

  tip(scope: Scope, reference: string, amount: number): LedgerEntry {
    return entry('TIP', reference, 'Tip (100 % to the therapist)', scope, [
      { account: 'booking.clearing', amount },
      { account: 'therapist.payable', amount: -amount },
    ]);
  },

  transfer(scope: Scope, reference: string, amount: number, transferId: string): LedgerEntry {
    positive('transfer', amount);
    return entry(
      'TRANSFER',
      reference,
      'Transfer to the therapist’s Stripe account',
      scope,
      [
        { account: 'therapist.payable', amount },
        { account: 'platform.cash', amount: -amount },
        { account: 'therapist.connected', amount },
        { account: 'therapist.earnings', amount: -amount },
      ],
      transferId,
    );
  },

  /**
   * A refund of `amount`. The therapist's part comes back as `reversed`
   * (pulled back from their Stripe balance, already transferred) plus
   * `payableReduction` (taken off what they are still owed); the platform bears the rest.
   */
  refund(
    scope: Scope,
    reference: string,
    amount: number,
    reversed: number,
    payableReduction: number,
    refundId: string | null,
  ): LedgerEntry {
    positive('refund', amount);
    if (reversed < 0 || payableReduction < 0 || reversed + payableReduction > amount)
      throw new RangeError('the therapist part of a refund must be between 0 and the refund');
    return entry(
      'REFUND',
      reference,
      'Refund to the client',
      scope,
      [
        { account: 'platform.cash', amount: -amount + reversed },
        { account: 'platform.revenue', amount: amount - reversed - payableReduction },
        { account: 'therapist.connected', amount: -reversed },
        { account: 'therapist.earnings', amount: reversed },
        { account: 'therapist.payable', amount: payableReduction },
      ],
      refundId,
    );
  },

  /**
   * A repair reconciliation made at Stripe (an orphan hold released, an owed transfer sent),
   * logged as a memo on the account it concerns: it moves no balance; the money movement
   * itself, if any, is its own entry.
   */
  repair(
    scope: Scope,
    reference: string,
    what: string,
    account: Account,
    amount: number,
    stripeId: string,
  ): LedgerEntry {
    positive('repair', amount);
    return entry(
      'REPAIR',
      reference,
      what,
      scope,
      [
        { account, amount },
        { account, amount: -amount },
      ],
      stripeId,
    );
  },

  payout(scope: Scope, amount: number, payoutId: string): LedgerEntry {
    positive('payout', amount);
    return entry(
      'PAYOUT',
      `payout-${payoutId}`,
      'Payout to the therapist’s bank',
      scope,
      [
        { account: 'therapist.bank', amount },
        { account: 'therapist.connected', amount: -amount },
      ],
      payoutId,
    );
  },
};
