import type { BookingPayment } from '@mm/db';
import {
  notFound,
  type PageArgs,
  pageRequest,
  requireRole,
  requireViewer,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import { emitEvent, queueNotification } from '@mm/queue';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import type { CardsService } from '../cards/cards.service.ts';
import { ledger } from '../ledger/ledger.policy.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { PayoutsService } from '../payouts/payouts.service.ts';
import { enqueueOps } from '../shared/ops.ts';
import { isCardError, isUnexpectedState, minorCurrency } from '../shared/stripe.ts';
import { recordChargeFailure, recordHoldLost } from './charge-failures.ts';
import { paymentWithChildren, receiptsOf } from './charges.repository.ts';
import { releaseStrayHolds } from './stray-holds.ts';
import { Transfers, transferGroup } from './transfers.ts';

export { transferGroup };

import { completionSplit, declineMessage, feeSplit, NO_CARD_MESSAGE, type Split } from './payment.policy.ts';

/**
 * Thrown by a settle job that reached a booking whose hold job has not finished
 * yet (status PENDING): BullMQ retries it with backoff. This waits for other
 * work, never for a commit: every job is written with the change that calls for it.
 */
export class RetryLater extends Error {}

const scopeOf = (p: BookingPayment) => ({
  bookingId: p.bookingId,
  therapistId: p.therapistId,
  currency: p.currency,
});
const money = (amount: number, currency: string) => ({ amount, currency });

/**
 * The money side of a booking: hold, capture (with tip), fees, release,
 * and transfers to the therapist (tips and refunds: adjustments.service.ts).
 *
 * Charges are "separate charges and transfers": the hold is a manual-capture
 * PaymentIntent on the platform with transfer_group booking_<id>, because the
 * therapist is not known when the hold is placed (dispatch starts after it).
 * At capture the platform keeps its commission and transfers the therapist's
 * share with source_transaction = the charge.
 */
export class ChargesService {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly ledgerService: LedgerService,
    private readonly cards: CardsService,
    payouts: PayoutsService,
  ) {
    this.transfers = new Transfers(ctx, ledgerService, payouts);
  }

  private readonly transfers: Transfers;

  // ── reads ──────────────────────────────────────────────────────────────

  /** The signed-in client's receipts: bookings something was charged for, newest first. */
  async myReceipts(viewer: Viewer | null, args: PageArgs) {
    const client = requireRole(viewer, 'CLIENT');
    const page = pageRequest(args);
    const rows = await receiptsOf(this.ctx.prisma, client.userId, {
      after: page.after as [string, string] | null,
      take: page.take,
    });
    return toConnection(rows, page.size, (r) => [r.createdAt.toISOString(), r.bookingId]);
  }

  paymentWithChildren(bookingId: string) {
    return paymentWithChildren(this.ctx.prisma, bookingId);
  }

  // ── jobs (outside transactions; every Stripe call carries an idempotency key) ──

  /** Places the hold: a manual-capture, off-session PaymentIntent on the client's saved card. */
  async placeHold(bookingId: string): Promise<void> {
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    // The job was written with the row, so the row exists; nothing to do if it was removed since.
    if (!row) return;
    if (row.status !== 'PENDING' && row.status !== 'SCHEDULED') return;
    if (row.settlement) return this.cancelBeforeHold(row);
    if (row.status === 'SCHEDULED' && row.authorizeAt && row.authorizeAt > this.ctx.now()) return;
    const card = await this.cards.chargeable(row.clientId);
    if (!card) return this.holdFailed(row, NO_CARD_MESSAGE, 'no_saved_card');
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.ctx.stripe.paymentIntents.create(
        {
          amount: row.subtotal + row.presetTip,
          currency: minorCurrency(row.currency),
          customer: card.customer,
          payment_method: card.paymentMethod,
          capture_method: 'manual',
          confirm: true,
          off_session: true,
          transfer_group: transferGroup(bookingId),
          description: 'In-home migraine massage',
          metadata: { booking_id: bookingId, client_id: row.clientId },
        },
        { idempotencyKey: `hold-${bookingId}` },
      );
    } catch (err) {
      if (isCardError(err)) {
        return this.holdFailed(
          row,
          declineMessage(err.code, err.decline_code),
          err.decline_code ?? err.code ?? null,
        );
      }
      throw err;
    }
    const chargeId =
      typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null);
    const recorded = await this.ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.bookingPayment.updateMany({
        where: { bookingId, status: { in: ['PENDING', 'SCHEDULED'] } },
        data: { status: 'HELD', paymentIntentId: intent.id, chargeId, heldAmount: intent.amount_capturable },
      });
      if (count === 0) return false;
      await this.ledgerService.record(
        tx,
        ledger.hold(scopeOf(row), intent.amount_capturable, intent.id),
        this.ctx.now(),
      );
      await emitEvent(tx, {
        type: 'payment.hold_placed',
        aggregateType: 'Booking',
        aggregateId: bookingId,
        payload: {
          bookingId,
          paymentIntentId: intent.id,
          amount: money(intent.amount_capturable, row.currency),
        },
      });
      return true;
    });
    // Cancelled while this hold was being placed: the hold it made must not stay on the card.
    if (!recorded) return this.releaseIfStray(bookingId, intent);
    // A booking that ended while the hold was being placed is settled now.
    const after = await this.ctx.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    if (after.settlement) await this.settle(bookingId);
  }

  private async releaseIfStray(bookingId: string, intent: Stripe.PaymentIntent): Promise<void> {
    const now = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    if (now?.paymentIntentId === intent.id || intent.status !== 'requires_capture') return;
    await this.ctx.stripe.paymentIntents.cancel(
      intent.id,
      { cancellation_reason: 'abandoned' },
      { idempotencyKey: `release-stray-${intent.id}` },
    );
  }

  /** The booking ended before a hold was recorded: nothing to charge, and no hold left at Stripe. */
  private async cancelBeforeHold(row: BookingPayment): Promise<void> {
    // Only a hold attempt that may have run can have left something at Stripe.
    const attempted =
      row.status === 'PENDING' || (row.authorizeAt !== null && row.authorizeAt <= this.ctx.now());
    if (attempted) await releaseStrayHolds(this.ctx, row);
    await this.ctx.prisma.bookingPayment.updateMany({
      where: { bookingId: row.bookingId, status: { in: ['PENDING', 'SCHEDULED'] } },
      data: { status: 'CANCELLED' },
    });
  }

  private async holdFailed(row: BookingPayment, reason: string, declineCode: string | null): Promise<void> {
    await this.ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.bookingPayment.updateMany({
        where: { bookingId: row.bookingId, status: { in: ['PENDING', 'SCHEDULED'] } },
        data: { status: 'HOLD_FAILED', failureReason: reason, declineCode },
      });
      if (count === 0) return;
      await emitEvent(tx, {
        type: 'payment.hold_failed',
        aggregateType: 'Booking',
        aggregateId: row.bookingId,
        payload: { bookingId: row.bookingId, reason, declineCode },
      });
      await queueNotification(tx, {
        userId: row.clientId,
        template: 'payment-hold-failed',
        payload: {
          bookingId: row.bookingId,
          startsAt: row.startsAt.toISOString(),
          amount: money(row.subtotal + row.presetTip, row.currency),
          reason,
          declineCode,
        },
        dedupeKey: `hold-failed-${row.bookingId}`,
      });
    });
  }

  /** Deferred holds whose time has come (a sweep beside the delayed jobs, which run on wall-clock time). */
  async placeDueHolds(): Promise<number> {
    const due = await this.ctx.prisma.bookingPayment.findMany({
      where: { status: 'SCHEDULED', authorizeAt: { lte: this.ctx.now() } },
      select: { bookingId: true },
      take: 100,
    });
    for (const { bookingId } of due) await this.placeHold(bookingId);
    return due.length;
  }

  /** Applies the booking's ending to its hold: capture all, capture a fee and release the rest, or release. */
  async settle(bookingId: string): Promise<void> {
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    // The job was written in the transaction that recorded the ending, so the ending is visible.
    if (!row?.settlement) return;
    switch (row.status) {
      case 'PENDING':
        throw new RetryLater(`hold for ${bookingId} is still being placed`);
      case 'SCHEDULED':
        return this.cancelBeforeHold(row);
      case 'CAPTURED':
        return this.transfer(bookingId);
      case 'HELD':
        break;
      default:
        return;
    }
    const fee = row.settlement === 'FEE' ? (row.feeAmount ?? 0) : 0;
    if (row.settlement === 'RELEASE' || (row.settlement === 'FEE' && fee === 0)) return this.release(row);
    const split =
      row.settlement === 'FULL'
        ? completionSplit({ subtotal: row.subtotal, platformFee: row.platformFee, tip: row.presetTip })
        : feeSplit(fee, row.feeTherapistShare ?? 0, row.heldAmount);
    return this.capture(row, split);
  }

  private async capture(row: BookingPayment, split: Split): Promise<void> {
    const piId = row.paymentIntentId as string;
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.ctx.stripe.paymentIntents.capture(
        piId,
        {
          amount_to_capture: split.capture,
          metadata: {
            platform_fee: String(split.commission),
            therapist_amount: String(split.therapistShare + split.tip),
          },
        },
        { idempotencyKey: `capture-${row.bookingId}` },
      );
    } catch (err) {
      if (isUnexpectedState(err)) {
        // Already captured (our earlier attempt), or the hold is gone: re-read and act on what Stripe says.
        intent = await this.ctx.stripe.paymentIntents.retrieve(piId);
        if (intent.status === 'canceled') return this.holdLost(row, intent);
        if (intent.status !== 'succeeded') throw err;
      } else if (isCardError(err)) {
        // Nothing can be charged: the authorisation is released, not left on the card.
        await this.cancelIntent(row.bookingId, piId);
        await this.ctx.prisma.$transaction(async (tx) => {
          const { count } = await tx.bookingPayment.updateMany({
            where: { bookingId: row.bookingId, status: 'HELD' },
            data: { status: 'CAPTURE_FAILED' },
          });
          if (count === 0) return;
          await this.ledgerService.record(
            tx,
            ledger.holdClosed(scopeOf(row), row.heldAmount, 'released'),
            this.ctx.now(),
          );
          await recordChargeFailure(tx, row, {
            kind: 'CHARGE_FAILED',
            reason: declineMessage(err.code, err.decline_code),
            declineCode: err.decline_code ?? err.code ?? null,
            stripeId: piId,
          });
        });
        return;
      } else {
        throw err;
      }
    }
    const captured = intent.amount_received;
    const scope = scopeOf(row);
    const at = this.ctx.now();
    const chargeId = row.chargeId ?? piId;
    await this.ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.bookingPayment.updateMany({
        where: { bookingId: row.bookingId, status: 'HELD' },
        data: {
          status: 'CAPTURED',
          capturedAmount: captured,
          therapistAmount: split.therapistShare + split.tip,
        },
      });
      if (count === 0) return;
      const what = row.settlement === 'FULL' ? 'Session charged' : 'Cancellation or no-show fee charged';
      const b = row.bookingId;
      await this.ledgerService.record(tx, ledger.holdClosed(scope, row.heldAmount, 'captured'), at);
      await this.ledgerService.record(
        tx,
        ledger.capture(scope, `capture-${b}`, captured, chargeId, what),
        at,
      );
      await this.ledgerService.record(tx, ledger.commission(scope, `commission-${b}`, split.commission), at);
      await this.ledgerService.record(
        tx,
        ledger.therapistShare(scope, `share-${b}`, split.therapistShare, 'Therapist’s share'),
        at,
      );
      await this.ledgerService.record(tx, ledger.tip(scope, `tip-${b}`, split.tip), at);
      await emitEvent(tx, {
        type: 'payment.captured',
        aggregateType: 'Booking',
        aggregateId: b,
        payload: { bookingId: b, amount: money(captured, row.currency), tip: money(split.tip, row.currency) },
      });
      // The therapist's share (session pay or their part of a fee) is owed from this commit: a durable job.
      if (split.therapistShare + split.tip > 0) await enqueueOps(tx, { kind: 'transfer', bookingId: b });
    });
  }

  /** Cancels the booking's hold at Stripe (already cancelled is done). */
  private async cancelIntent(bookingId: string, piId: string): Promise<void> {
    try {
      await this.ctx.stripe.paymentIntents.cancel(
        piId,
        { cancellation_reason: 'requested_by_customer' },
        { idempotencyKey: `release-${bookingId}` },
      );
    } catch (err) {
      if (!isUnexpectedState(err)) throw err;
      const intent = await this.ctx.stripe.paymentIntents.retrieve(piId);
      if (intent.status !== 'canceled') throw err;
    }
  }

  private async release(row: BookingPayment): Promise<void> {
    await this.cancelIntent(row.bookingId, row.paymentIntentId as string);
    await this.ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.bookingPayment.updateMany({
        where: { bookingId: row.bookingId, status: 'HELD' },
        data: { status: 'RELEASED' },
      });
      if (count === 0) return;
      await this.ledgerService.record(
        tx,
        ledger.holdClosed(scopeOf(row), row.heldAmount, 'released'),
        this.ctx.now(),
      );
    });
  }

  /** Re-reads the booking's PaymentIntent and applies what Stripe says (webhooks land here). */
  async reconcileIntent(bookingId: string): Promise<void> {
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    if (!row?.paymentIntentId || row.status !== 'HELD') return;
    if (row.settlement) return this.settle(bookingId);
    const intent = await this.ctx.stripe.paymentIntents.retrieve(row.paymentIntentId);
    if (intent.status === 'canceled') await this.holdLost(row, intent);
  }

  /** The authorisation expired or was cancelled outside our flows (charge-failures.ts). */
  private holdLost(row: BookingPayment, intent: Stripe.PaymentIntent): Promise<void> {
    return this.ctx.prisma.$transaction((tx) =>
      recordHoldLost(tx, this.ledgerService, this.ctx.now(), row, intent),
    );
  }

  /** Pays the therapist what this booking owes them (transfers.ts). */
  transfer(bookingId: string): Promise<void> {
    return this.transfers.pay(bookingId);
  }

  // ── client and admin actions ─────────────────────────────────────────────

  async forViewer(viewer: Viewer | null, bookingId: string): Promise<BookingPayment> {
    const v = requireViewer(viewer);
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    const visible = row && (v.role === 'ADMIN' || row.clientId === v.userId || row.therapistId === v.userId);
    if (!visible) throw notFound('The payment for this booking');
    return row;
  }
}
