/**
 * The settlement invariant of a booking that ended (completed, cancelled with or
 * without a fee, no-show, refunded, blocked, expired): its ledger balances to zero
 * with nothing left in clearing or on hold, and every party's share is paid or
 * explicitly waived with a reason. Pure: the caller reads the balances and the facts.
 */
import type { Account } from './ledger.policy.ts';

export type PaymentState =
  | 'SCHEDULED'
  | 'PENDING'
  | 'HELD'
  | 'HOLD_FAILED'
  | 'CAPTURED'
  | 'CAPTURE_FAILED'
  | 'RELEASED'
  | 'CANCELLED';

export interface SettlementInput {
  /** The booking's ending as payments recorded it (FULL, FEE, RELEASE), null while it runs. */
  settlement: string | null;
  status: PaymentState;
  /** Sum of the booking's postings per account. */
  balances: Partial<Record<Account, number>>;
  /** Why the therapist's share will not be paid, when it will not. */
  shareWaivedReason: string | null;
  /** Refunds requested and not yet confirmed by Stripe. */
  pendingRefunds: number;
}

export type SettlementProblem =
  /** The booking's postings do not sum to zero. */
  | 'UNBALANCED'
  /** Money captured for the booking was not allocated (commission, share, tip). */
  | 'CLEARING_LEFT'
  /** The card hold's memo pair is still open after the booking ended. */
  | 'HOLD_OPEN'
  /** The therapist is owed money that was neither transferred nor waived with a reason. */
  | 'SHARE_OWED'
  /** The Stripe work of the ending (hold, capture, release, refund) has not finished. */
  | 'IN_FLIGHT';

export type Settlement =
  | { kind: 'RUNNING' }
  | { kind: 'SETTLED'; waived: string | null }
  | { kind: 'UNSETTLED'; problems: SettlementProblem[] };

const UNFINISHED: readonly PaymentState[] = ['SCHEDULED', 'PENDING', 'HELD'];

export function settlementOf(input: SettlementInput): Settlement {
  if (input.settlement === null) return { kind: 'RUNNING' };
  const b = (account: Account) => input.balances[account] ?? 0;
  const sum = Object.values(input.balances).reduce((s, v) => s + (v ?? 0), 0);
  const problems: SettlementProblem[] = [];
  if (sum !== 0) problems.push('UNBALANCED');
  if (b('booking.clearing') !== 0) problems.push('CLEARING_LEFT');
  if (b('hold.authorized') !== 0 || b('hold.offset') !== 0) problems.push('HOLD_OPEN');
  const owed = -b('therapist.payable');
  const waived = owed !== 0 && input.shareWaivedReason !== null && input.shareWaivedReason.trim() !== '';
  if (owed !== 0 && !waived) problems.push('SHARE_OWED');
  if (UNFINISHED.includes(input.status) || input.pendingRefunds > 0) problems.push('IN_FLIGHT');
  if (problems.length > 0) return { kind: 'UNSETTLED', problems };
  return { kind: 'SETTLED', waived: waived ? input.shareWaivedReason : null };
}
