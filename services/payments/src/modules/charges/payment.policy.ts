/**
 * Pure money rules of a booking's payment (no I/O). Amounts are integer minor
 * units; every function refuses inputs that would create or lose money.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A card authorisation lives about 7 days; bookings further out than this are held later. */
export const MAX_HOLD_LEAD_MS = 6 * DAY_MS;
/** How long before the start a deferred hold is placed. */
export const DEFERRED_HOLD_LEAD_MS = 48 * HOUR_MS;
/** A client may add a tip for this long after completion. */
export const TIP_WINDOW_MS = 24 * HOUR_MS;

export type HoldPlan = { kind: 'NOW' } | { kind: 'SCHEDULED'; authorizeAt: Date };

/** Bookings more than 6 days ahead are authorised 48 h before the start; the rest now. */
export function planHold(startsAt: Date, now: Date): HoldPlan {
  if (startsAt.getTime() - now.getTime() > MAX_HOLD_LEAD_MS) {
    return { kind: 'SCHEDULED', authorizeAt: new Date(startsAt.getTime() - DEFERRED_HOLD_LEAD_MS) };
  }
  return { kind: 'NOW' };
}

function assertAmount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

export interface Price {
  subtotal: number;
  platformFee: number;
  tip: number;
}

/** What the hold authorises: the service price plus a tip chosen at booking. */
export function holdAmount(price: Price): number {
  assertAmount('subtotal', price.subtotal);
  assertAmount('tip', price.tip);
  return price.subtotal + price.tip;
}

export interface Split {
  /** Charged to the client. */
  capture: number;
  /** The platform's commission (Stripe's application fee). */
  commission: number;
  /** The therapist's part of the service price. */
  therapistShare: number;
  /** Tips: always 100 % to the therapist. */
  tip: number;
}

/** Completion: the whole hold is captured; commission on the service price, the tip to the therapist. */
export function completionSplit(price: Price): Split {
  assertAmount('subtotal', price.subtotal);
  assertAmount('platformFee', price.platformFee);
  assertAmount('tip', price.tip);
  if (price.platformFee > price.subtotal) throw new RangeError('platformFee cannot exceed subtotal');
  return {
    capture: price.subtotal + price.tip,
    commission: price.platformFee,
    therapistShare: price.subtotal - price.platformFee,
    tip: price.tip,
  };
}

/** Late cancellation or no-show: the policy fee is captured, the rest released; the therapist gets their share of it. */
export function feeSplit(fee: number, therapistShare: number, held: number): Split {
  assertAmount('fee', fee);
  assertAmount('therapistShare', therapistShare);
  if (therapistShare > fee) throw new RangeError('therapistShare cannot exceed the fee');
  if (fee > held) throw new RangeError('the fee cannot exceed the hold');
  return { capture: fee, commission: fee - therapistShare, therapistShare, tip: 0 };
}

/**
 * The therapist's part of a refund, in proportion to what they were owed
 * from what was captured, computed cumulatively so rounding never drifts:
 * after full refunds the therapist has returned exactly what they received.
 */
export function refundTherapistPortion(input: {
  refund: number;
  refundedBefore: number;
  captured: number;
  therapistAmount: number;
}): number {
  const { refund, refundedBefore, captured, therapistAmount } = input;
  for (const [k, v] of Object.entries(input)) assertAmount(k, v);
  if (therapistAmount > captured) throw new RangeError('therapistAmount cannot exceed captured');
  if (refund === 0) return 0;
  if (refundedBefore + refund > captured) throw new RangeError('refund exceeds captured');
  const portionOf = (refunded: number) => Math.round((refunded * therapistAmount) / captured);
  return portionOf(refundedBefore + refund) - portionOf(refundedBefore);
}

/** The largest refund still possible. */
export function refundable(captured: number, refunded: number): number {
  return Math.max(0, captured - refunded);
}

export function tipWindowOpen(completedAt: Date, now: Date): boolean {
  return now.getTime() - completedAt.getTime() <= TIP_WINDOW_MS;
}

/** Bookings cancelled for a safety reason are never charged, whatever fee the event carries. */
export function isSafetyCancellation(reason: string): boolean {
  return reason === 'SCREENING_REFER' || reason === 'SCREENING_DEFER' || reason.includes('REFER');
}

/** A decline in words a client understands, with what to do next. Never reveals fraud signals. */
export function declineMessage(
  code: string | null | undefined,
  declineCode: string | null | undefined,
): string {
  const reason = declineCode ?? code ?? '';
  switch (reason) {
    case 'insufficient_funds':
      return 'Your card was declined for insufficient funds. Use another card or contact your bank, then book again.';
    case 'expired_card':
      return 'Your card has expired. Add a current card, then book again.';
    case 'incorrect_cvc':
      return 'Your card’s security code was not accepted. Add the card again, then book again.';
    case 'processing_error':
      return 'Your bank could not process the payment just now. Try again in a few minutes.';
    case 'authentication_required':
      return 'Your bank asks you to confirm this payment. Book again and approve it in your banking app.';
    default:
      return 'Your card was declined. Use another card or contact your bank, then book again.';
  }
}

export const NO_CARD_MESSAGE = 'There is no saved card on your account. Add a card, then book again.';
