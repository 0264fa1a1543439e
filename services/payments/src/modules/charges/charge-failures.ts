import type { BookingPayment, TransactionClient } from '@mm/db';
import { emitEvent, queueNotification } from '@mm/queue';
import type Stripe from 'stripe';
import { ledger } from '../ledger/ledger.policy.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
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

/** The authorisation expired or was cancelled outside our flows: the hold closes, and a charge owed fails. */
export async function recordHoldLost(
  tx: TransactionClient,
  ledgerService: LedgerService,
  now: Date,
  row: BookingPayment,
  intent: Stripe.PaymentIntent,
): Promise<void> {
  const expired = intent.cancellation_reason === 'automatic';
  const { count } = await tx.bookingPayment.updateMany({
    where: { bookingId: row.bookingId, status: 'HELD' },
    data: {
      status: 'RELEASED',
      failureReason: expired
        ? 'The card authorisation expired before it was captured.'
        : 'The card hold was cancelled.',
    },
  });
  if (count === 0) return;
  const scope = { bookingId: row.bookingId, therapistId: row.therapistId, currency: row.currency };
  await ledgerService.record(
    tx,
    ledger.holdClosed(scope, row.heldAmount, expired ? 'expired' : 'released'),
    now,
  );
  const declineCode = expired ? 'authorization_expired' : 'authorization_canceled';
  await recordChargeFailure(tx, row, {
    kind: 'HOLD_LOST',
    reason: expired
      ? 'The card authorisation expired before the charge could be taken.'
      : 'The card hold was cancelled before the charge could be taken.',
    declineCode,
    stripeId: intent.id,
  });
  if (row.settlement) return;
  await emitEvent(tx, {
    type: 'payment.hold_failed',
    aggregateType: 'Booking',
    aggregateId: row.bookingId,
    payload: {
      bookingId: row.bookingId,
      reason: 'The card authorisation for this booking expired; book again to place a new hold.',
      declineCode,
    },
  });
}
