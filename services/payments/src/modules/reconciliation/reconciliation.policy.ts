/**
 * What a difference between Stripe and our records is, and whether it is safe to
 * repair without a person (pure). Stripe's objects are read both ways: every
 * PaymentIntent, Transfer and application fee at Stripe against our rows, and
 * every row of ours against Stripe.
 */

export type DifferenceKind =
  /** A live authorisation at Stripe for a booking we no longer hold money for. Repaired: released. */
  | 'ORPHAN_HOLD'
  /** Stripe captured money for a booking we released or cancelled. A person decides (refund or keep). */
  | 'CAPTURED_BUT_CANCELLED'
  /** The therapist's share was captured but not transferred. Repaired: the owed transfer is sent. */
  | 'SHARE_OWED_NOT_TRANSFERRED'
  /** The same object carries different amounts (or states) here and at Stripe. A person decides. */
  | 'AMOUNT_MISMATCH'
  /** An object at Stripe we have no record of, or a record of ours Stripe does not have. */
  | 'UNKNOWN_OBJECT'
  /** A booking that ended and does not settle (settlement.policy.ts). */
  | 'UNSETTLED';

export const REPAIRABLE: readonly DifferenceKind[] = ['ORPHAN_HOLD', 'SHARE_OWED_NOT_TRANSFERRED'];

export interface Difference {
  kind: DifferenceKind;
  /** The finer check that found it (STATUS, CAPTURED, REFUNDED, TRANSFERRED, …). */
  check: string;
  bookingId: string | null;
  stripeId: string | null;
  ledger: number | null;
  stripe: number | null;
  detail: string;
  repaired: boolean;
}

export interface IntentAtStripe {
  id: string;
  status: string;
  bookingId: string | null;
}

export interface OurPayment {
  status: string;
  paymentIntentId: string | null;
  tipIntentIds: string[];
}

/** Live statuses: money is authorised or about to be. */
const LIVE = new Set(['requires_capture', 'requires_confirmation', 'requires_action', 'processing']);
/** Our payment states in which the booking's hold must be gone. */
const NO_HOLD = new Set(['RELEASED', 'CANCELLED', 'CAPTURE_FAILED', 'HOLD_FAILED', 'CAPTURED']);

/** The difference a PaymentIntent at Stripe makes with our records, or null when they agree. */
export function classifyIntent(pi: IntentAtStripe, ours: OurPayment | null): DifferenceKind | null {
  if (pi.bookingId === null || ours === null) return pi.status === 'canceled' ? null : 'UNKNOWN_OBJECT';
  const known = pi.id === ours.paymentIntentId || ours.tipIntentIds.includes(pi.id);
  if (!known) {
    if (LIVE.has(pi.status)) return 'ORPHAN_HOLD';
    return pi.status === 'succeeded' ? 'UNKNOWN_OBJECT' : null;
  }
  if (pi.id !== ours.paymentIntentId) return null;
  if (pi.status === 'requires_capture' && NO_HOLD.has(ours.status)) return 'ORPHAN_HOLD';
  if (pi.status === 'succeeded' && (ours.status === 'RELEASED' || ours.status === 'CANCELLED'))
    return 'CAPTURED_BUT_CANCELLED';
  return null;
}

export const isRepairable = (kind: DifferenceKind) => REPAIRABLE.includes(kind);
