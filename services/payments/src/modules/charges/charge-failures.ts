import type { BookingPayment, TransactionClient } from '@mm/db';
import { queueNotification } from '@mm/queue';
import { type PaymentAlertKind, raiseAlert } from '../shared/alerts.ts';

/** What the booking's ending asked us to charge: the session (with its preset tip) or the fee. */
export function owedCharge(row: BookingPayment): number {
  if (row.settlement === 'FULL') return row.subtotal + row.presetTip;
  if (row.settlement === 'FEE') return row.feeAmount ?? 0;
  return 0;
}

export interface ChargeFailure {
  kind: Extract<PaymentAlertKind, 'CHARGE_FAILED' | 'HOLD_LOST'>;
  /** Plain words for the client. */
  reason: string;
  declineCode: string | null;
  stripeId: string | null;
}

/**
 * A charge the booking's ending called for cannot be taken (a declined capture, a
 * hold that expired first): the payment says so, the client is told in plain words,
 * the therapist's share is waived with the reason, and admins get an alert to act on.
 * Written in the caller's transaction, after it moved the payment out of HELD.
 */
export async function recordChargeFailure(
  tx: TransactionClient,
  row: BookingPayment,
  failure: ChargeFailure,
): Promise<void> {
  const amount = owedCharge(row);
  if (amount <= 0) return;
  const b = row.bookingId;
  await tx.bookingPayment.update({
    where: { bookingId: b },
    data: {
      failureReason: failure.reason,
      declineCode: failure.declineCode,
      shareWaivedReason: `Nothing could be charged: ${failure.reason}`,
    },
  });
  await queueNotification(tx, {
    userId: row.clientId,
    template: 'payment-charge-failed',
    payload: {
      bookingId: b,
      startsAt: row.startsAt.toISOString(),
      amount: { amount, currency: row.currency },
      reason: failure.reason,
      declineCode: failure.declineCode,
    },
    dedupeKey: `charge-failed-${b}`,
  });
  await raiseAlert(tx, {
    bookingId: b,
    kind: failure.kind,
    message: `${amount} ${row.currency} owed for booking ${b} (${row.settlement}) could not be charged: ${failure.reason}`,
    stripeId: failure.stripeId,
    dedupeKey: `${failure.kind}-${b}`,
  });
}
