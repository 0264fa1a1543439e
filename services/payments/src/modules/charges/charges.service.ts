import {
  type BookingPayment,
  isUniqueViolation,
  type Prisma,
  recordAudit,
  type TransactionClient,
} from '@mm/db';
import { badInput, notFound, requireRole, requireViewer, type Viewer } from '@mm/graphql-kit';
import { type EventEnvelope, emitEvent, enqueueJob, queueNotification } from '@mm/queue';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import type { CardsService } from '../cards/cards.service.ts';
import { ledger } from '../ledger/ledger.policy.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { PayoutsService } from '../payouts/payouts.service.ts';
import { opsJobId, opsQueueName } from '../shared/ops.ts';
import { PaymentsError, PaymentsErrorCode } from '../shared/payments.errors.ts';
import { isCardError, isUnexpectedState, minorCurrency } from '../shared/stripe.ts';
import {
  completionSplit,
  declineMessage,
  feeSplit,
  isSafetyCancellation,
  NO_CARD_MESSAGE,
  planHold,
  refundable,
  refundTherapistPortion,
  type Split,
  tipWindowOpen,
} from './payment.policy.ts';

/** Thrown by a job that must run again later (e.g. the hold is still being placed). */
export class RetryLater extends Error {}

type Settlement =
  | { kind: 'FULL'; therapistId: string; completedAt: Date }
  | { kind: 'FEE'; fee: number; therapistShare: number; therapistId: string | null }
  | { kind: 'RELEASE' };

export interface RefundPart {
  chargeId: string;
  amount: number;
}

const transferGroup = (bookingId: string) => `booking_${bookingId}`;
const scopeOf = (p: BookingPayment) => ({
  bookingId: p.bookingId,
  therapistId: p.therapistId,
  currency: p.currency,
});
const money = (amount: number, currency: string) => ({ amount, currency });

/**
 * The money side of a booking: hold, capture (with tip), fees, release,
 * transfers to the therapist, tips after the session and refunds.
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
    private readonly payouts: PayoutsService,
  ) {}

  // ── reactions to booking events (inside the consumer's transaction) ──────

  async onRequested(event: EventEnvelope<'booking.requested'>, tx: TransactionClient): Promise<void> {
    const p = event.payload;
    const startsAt = new Date(p.startsAt);
    const plan = planHold(startsAt, this.ctx.now());
    const currency = p.price.subtotal.currency.toUpperCase();
    const { count } = await tx.bookingPayment.createMany({
      data: [
        {
          bookingId: p.bookingId,
          clientId: p.clientId,
          therapistId: p.requestedTherapistId,
          currency,
          subtotal: p.price.subtotal.amount,
          platformFee: p.price.platformFee.amount,
          presetTip: p.price.tip.amount,
          startsAt,
          status: plan.kind === 'SCHEDULED' ? 'SCHEDULED' : 'PENDING',
          authorizeAt: plan.kind === 'SCHEDULED' ? plan.authorizeAt : null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return;
    const job = { kind: 'hold' as const, bookingId: p.bookingId };
    if (plan.kind === 'SCHEDULED') {
      await emitEvent(tx, {
        type: 'payment.hold_scheduled',
        aggregateType: 'Booking',
        aggregateId: p.bookingId,
        payload: { bookingId: p.bookingId, authorizeAt: plan.authorizeAt.toISOString() },
      });
    }
    // Published by the relay once this transaction commits (job outbox), due at the authorization time.
    await enqueueJob(tx, {
      queue: opsQueueName,
      name: 'hold',
      data: job,
      jobId: opsJobId(job),
      attempts: 12,
      ...(plan.kind === 'SCHEDULED' ? { delayUntil: plan.authorizeAt } : {}),
    });
  }

  async onConfirmed(event: EventEnvelope<'booking.confirmed'>, tx: TransactionClient): Promise<void> {
    await tx.bookingPayment.updateMany({
      where: { bookingId: event.payload.bookingId },
      data: { therapistId: event.payload.therapistId },
    });
  }

  /** The booking ended one way or another; the first ending wins and the settle job does the Stripe work. */
  async onEnded(tx: TransactionClient, bookingId: string, settlement: Settlement): Promise<void> {
    const data: Prisma.BookingPaymentUpdateManyMutationInput = { settlement: settlement.kind };
    if (settlement.kind === 'FULL') {
      data.therapistId = settlement.therapistId;
      data.completedAt = settlement.completedAt;
    }
    if (settlement.kind === 'FEE') {
      data.feeAmount = settlement.fee;
      data.feeTherapistShare = settlement.therapistShare;
      if (settlement.therapistId) data.therapistId = settlement.therapistId;
    }
    const { count } = await tx.bookingPayment.updateMany({ where: { bookingId, settlement: null }, data });
    if (count === 0) return;
    const job = { kind: 'settle' as const, bookingId };
    await enqueueJob(tx, {
      queue: opsQueueName,
      name: 'settle',
      data: job,
      jobId: opsJobId(job),
      attempts: 12,
    });
  }

  cancellationSettlement(p: {
    reason: string;
    fee: { amount: number };
    therapistShare: { amount: number };
    therapistId: string | null;
  }): Settlement {
    if (isSafetyCancellation(p.reason) || p.fee.amount === 0) return { kind: 'RELEASE' };
    return {
      kind: 'FEE',
      fee: p.fee.amount,
      therapistShare: p.therapistShare.amount,
      therapistId: p.therapistId,
    };
  }

  // ── jobs (outside transactions; every Stripe call carries an idempotency key) ──

  /** Places the hold: a manual-capture, off-session PaymentIntent on the client's saved card. */
  async placeHold(bookingId: string): Promise<void> {
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    if (!row) throw new RetryLater(`booking ${bookingId} not recorded yet`);
    if (row.status !== 'PENDING' && row.status !== 'SCHEDULED') return;
    if (row.settlement) {
      await this.ctx.prisma.bookingPayment.updateMany({
        where: { bookingId, status: { in: ['PENDING', 'SCHEDULED'] } },
        data: { status: 'CANCELLED' },
      });
      return;
    }
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
    await this.ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.bookingPayment.updateMany({
        where: { bookingId, status: { in: ['PENDING', 'SCHEDULED'] } },
        data: { status: 'HELD', paymentIntentId: intent.id, chargeId, heldAmount: intent.amount_capturable },
      });
      if (count === 0) return;
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
    });
    // A booking that ended while the hold was being placed is settled now.
    const after = await this.ctx.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    if (after.settlement) await this.settle(bookingId);
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
        payload: { bookingId: row.bookingId, reason },
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
    // The job is queued inside the transaction that records the ending and may run before it commits.
    if (!row?.settlement) throw new RetryLater(`the ending of ${bookingId} is not committed yet`);
    switch (row.status) {
      case 'PENDING':
        throw new RetryLater(`hold for ${bookingId} is still being placed`);
      case 'SCHEDULED':
        await this.ctx.prisma.bookingPayment.updateMany({
          where: { bookingId, status: 'SCHEDULED' },
          data: { status: 'CANCELLED' },
        });
        return;
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
        await this.ctx.prisma.bookingPayment.updateMany({
          where: { bookingId: row.bookingId, status: 'HELD' },
          data: {
            status: 'CAPTURE_FAILED',
            failureReason: declineMessage(err.code, err.decline_code),
            declineCode: err.decline_code ?? err.code ?? null,
          },
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
    });
    await this.transfer(row.bookingId);
  }

  private async release(row: BookingPayment): Promise<void> {
    const piId = row.paymentIntentId as string;
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.ctx.stripe.paymentIntents.cancel(
        piId,
        { cancellation_reason: 'requested_by_customer' },
        { idempotencyKey: `release-${row.bookingId}` },
      );
    } catch (err) {
      if (!isUnexpectedState(err)) throw err;
      intent = await this.ctx.stripe.paymentIntents.retrieve(piId);
      if (intent.status !== 'canceled') throw err;
    }
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

  /** The authorisation expired or was cancelled outside our flows. */
  private async holdLost(row: BookingPayment, intent: Stripe.PaymentIntent): Promise<void> {
    const expired = intent.cancellation_reason === 'automatic';
    await this.ctx.prisma.$transaction(async (tx) => {
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
      await this.ledgerService.record(
        tx,
        ledger.holdClosed(scopeOf(row), row.heldAmount, expired ? 'expired' : 'released'),
        this.ctx.now(),
      );
      if (!row.settlement) {
        await emitEvent(tx, {
          type: 'payment.hold_failed',
          aggregateType: 'Booking',
          aggregateId: row.bookingId,
          payload: {
            bookingId: row.bookingId,
            reason: 'The card authorisation for this booking expired; book again to place a new hold.',
            declineCode: expired ? 'authorization_expired' : 'authorization_canceled',
          },
        });
      }
    });
  }

  /**
   * Pays the therapist what this booking owes them. Stripe's transfers for the
   * booking's transfer_group are read first and recorded if missing, so a
   * transfer whose answer was lost is never made twice; the idempotency key
   * is derived from what has been transferred so far.
   */
  async transfer(bookingId: string): Promise<void> {
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    if (row?.status !== 'CAPTURED' || !row.therapistId) return;
    const transfers = await this.ctx.stripe.transfers.list({
      transfer_group: transferGroup(bookingId),
      limit: 100,
    });
    const done = transfers.data.reduce((s, t) => s + t.amount, 0);
    for (const t of [...transfers.data].reverse()) await this.recordTransfer(row, t);
    const owed = row.therapistAmount - done;
    if (owed <= 0) return;
    const account = await this.payouts.accountOf(row.therapistId);
    // Not onboarded yet: the amount stays owed and goes out when payouts are enabled.
    if (!account?.payoutsEnabled || !account.transfersActive) return;
    const transfer = await this.ctx.stripe.transfers.create(
      {
        amount: owed,
        currency: minorCurrency(row.currency),
        destination: account.stripeAccountId,
        transfer_group: transferGroup(bookingId),
        ...(row.chargeId && owed <= row.capturedAmount ? { source_transaction: row.chargeId } : {}),
        metadata: { booking_id: bookingId, therapist_id: row.therapistId },
      },
      { idempotencyKey: `transfer-${bookingId}-${done}` },
    );
    await this.recordTransfer(row, transfer);
  }

  private async recordTransfer(row: BookingPayment, transfer: Stripe.Transfer): Promise<void> {
    await this.ctx.prisma.$transaction(async (tx) => {
      const recorded = await this.ledgerService.record(
        tx,
        ledger.transfer(scopeOf(row), `transfer-${transfer.id}`, transfer.amount, transfer.id),
        this.ctx.now(),
      );
      if (!recorded) return;
      await tx.bookingPayment.update({
        where: { bookingId: row.bookingId },
        data: {
          transferredAmount: { increment: transfer.amount },
          transferId: row.transferId ?? transfer.id,
        },
      });
    });
  }

  // ── client and admin actions ─────────────────────────────────────────────

  async forViewer(viewer: Viewer | null, bookingId: string): Promise<BookingPayment> {
    const v = requireViewer(viewer);
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    const visible = row && (v.role === 'ADMIN' || row.clientId === v.userId || row.therapistId === v.userId);
    if (!visible) throw notFound('The payment for this booking');
    return row;
  }

  /** A tip added after the session: a separate off-session charge, all of it to the therapist. */
  async addTip(viewer: Viewer | null, bookingId: string, amount: number) {
    const v = requireRole(viewer, 'CLIENT');
    if (!Number.isInteger(amount) || amount < 100 || amount > 50_000) {
      throw badInput('A tip must be between 1.00 and 500.00.', [{ path: 'amount', message: 'out of range' }]);
    }
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    if (!row || row.clientId !== v.userId) throw notFound('The booking');
    if (row.status !== 'CAPTURED' || row.settlement !== 'FULL' || !row.completedAt) {
      throw new PaymentsError(
        PaymentsErrorCode.PAYMENT_NOT_CAPTURED,
        'A tip can be added once the session is completed and paid.',
      );
    }
    if (!tipWindowOpen(row.completedAt, this.ctx.now())) {
      throw new PaymentsError(
        PaymentsErrorCode.TIP_WINDOW_CLOSED,
        'Tips can be added for 24 hours after the session; this window has closed.',
      );
    }
    const card = await this.cards.chargeable(v.userId);
    if (!card) throw new PaymentsError(PaymentsErrorCode.NO_SAVED_CARD, NO_CARD_MESSAGE);
    let tip: { id: string };
    try {
      tip = await this.ctx.prisma.tip.create({
        data: { bookingId, amount, currency: row.currency, status: 'PENDING' },
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new PaymentsError(
          PaymentsErrorCode.TIP_ALREADY_ADDED,
          'You already added a tip for this session.',
        );
      }
      throw err;
    }
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.ctx.stripe.paymentIntents.create(
        {
          amount,
          currency: minorCurrency(row.currency),
          customer: card.customer,
          payment_method: card.paymentMethod,
          confirm: true,
          off_session: true,
          transfer_group: transferGroup(bookingId),
          description: 'Tip for your therapist',
          metadata: { booking_id: bookingId, kind: 'tip' },
        },
        { idempotencyKey: `tip-${tip.id}` },
      );
    } catch (err) {
      if (isCardError(err)) {
        await this.ctx.prisma.tip.delete({ where: { id: tip.id } });
        throw new PaymentsError(PaymentsErrorCode.CARD_DECLINED, declineMessage(err.code, err.decline_code));
      }
      await this.ctx.prisma.tip.update({ where: { id: tip.id }, data: { status: 'UNKNOWN' } });
      throw new PaymentsError(
        PaymentsErrorCode.PAYMENT_PROVIDER_UNAVAILABLE,
        'The tip could not be confirmed with the card network; it will not be charged twice.',
      );
    }
    const chargeId =
      typeof intent.latest_charge === 'string'
        ? intent.latest_charge
        : (intent.latest_charge?.id ?? intent.id);
    const scope = scopeOf(row);
    const at = this.ctx.now();
    await this.ctx.prisma.$transaction(async (tx) => {
      await tx.tip.update({
        where: { id: tip.id },
        data: { status: 'SUCCEEDED', paymentIntentId: intent.id, chargeId },
      });
      await tx.bookingPayment.update({
        where: { bookingId },
        data: { capturedAmount: { increment: amount }, therapistAmount: { increment: amount } },
      });
      await this.ledgerService.record(
        tx,
        ledger.capture(scope, `capture-tip-${bookingId}`, amount, chargeId, 'Tip charged'),
        at,
      );
      await this.ledgerService.record(tx, ledger.tip(scope, `tip-added-${bookingId}`, amount), at);
    });
    await this.transfer(bookingId);
    return this.ctx.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
  }

  /**
   * Admin refund, full (no amount) or partial. The amount is reserved under a
   * row lock first, so two concurrent refunds can never exceed what was captured.
   */
  async refund(viewer: Viewer | null, input: { bookingId: string; amount: number | null; reason: string }) {
    const admin = requireRole(viewer, 'ADMIN');
    const reason = input.reason.trim();
    if (reason.length < 3 || reason.length > 500) {
      throw badInput('Give a reason for the refund (3 to 500 characters).', [
        { path: 'reason', message: 'required' },
      ]);
    }
    if (input.amount !== null && (!Number.isInteger(input.amount) || input.amount <= 0)) {
      throw badInput('The refund amount must be a positive whole number of minor units.', [
        { path: 'amount', message: 'must be positive' },
      ]);
    }
    const refund = await this.ctx.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ booking_id: string }[]>`
        SELECT booking_id FROM payments.booking_payments WHERE booking_id = ${input.bookingId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound('The payment for this booking');
      const row = await tx.bookingPayment.findUniqueOrThrow({
        where: { bookingId: input.bookingId },
        include: { tips: true, refunds: true },
      });
      if (row.capturedAmount === 0) {
        throw new PaymentsError(
          PaymentsErrorCode.PAYMENT_NOT_CAPTURED,
          'Nothing was charged for this booking, so there is nothing to refund.',
        );
      }
      const left = refundable(row.capturedAmount, row.refundedAmount);
      const amount = input.amount ?? left;
      if (amount > left || amount === 0) {
        throw new PaymentsError(
          PaymentsErrorCode.REFUND_EXCEEDS_CAPTURED,
          `At most ${left} (minor units, ${row.currency}) can still be refunded: ${row.capturedAmount} was charged and ${row.refundedAmount} already refunded.`,
          { refundable: left, captured: row.capturedAmount, refunded: row.refundedAmount },
        );
      }
      const parts = planRefundParts(row, amount);
      const portion = refundTherapistPortion({
        refund: amount,
        refundedBefore: row.refundedAmount,
        captured: row.capturedAmount,
        therapistAmount: row.therapistAmount,
      });
      const reversedBefore = row.refunds.reduce((s, r) => s + r.reversalAmount, 0);
      const reversal = Math.min(portion, Math.max(0, row.transferredAmount - reversedBefore));
      const payableReduction = portion - reversal;
      const created = await tx.refund.create({
        data: {
          bookingId: row.bookingId,
          amount,
          currency: row.currency,
          reason,
          status: 'PENDING',
          reversalAmount: reversal,
          payableReduction,
          parts: parts as unknown as Prisma.InputJsonValue,
          requestedBy: admin.userId,
        },
      });
      await tx.bookingPayment.update({
        where: { bookingId: row.bookingId },
        data: {
          refundedAmount: { increment: amount },
          therapistAmount: { decrement: payableReduction },
        },
      });
      await recordAudit(tx, {
        actorId: admin.userId,
        actorRole: admin.role,
        action: 'payment.refund_requested',
        entityType: 'Booking',
        entityId: row.bookingId,
        after: { refundId: created.id, amount, currency: row.currency, reason },
      });
      return created;
    });
    try {
      await this.executeRefund(refund.id);
    } catch (err) {
      // Reserved and keyed: the job finishes it without refunding twice.
      const job = { kind: 'refund' as const, refundId: refund.id };
      await this.ctx.ops.add('refund', job, { jobId: opsJobId(job) });
      if (isCardError(err)) throw err;
    }
    return this.ctx.prisma.refund.findUniqueOrThrow({ where: { id: refund.id } });
  }

  /** Carries out a reserved refund; safe to repeat (keys derived from the refund id). */
  async executeRefund(refundId: string): Promise<void> {
    const refund = await this.ctx.prisma.refund.findUniqueOrThrow({ where: { id: refundId } });
    if (refund.status !== 'PENDING') return;
    const row = await this.ctx.prisma.bookingPayment.findUniqueOrThrow({
      where: { bookingId: refund.bookingId },
    });
    const parts = refund.parts as unknown as RefundPart[];
    const stripeIds: string[] = [];
    for (const part of parts) {
      const r = await this.ctx.stripe.refunds.create(
        {
          charge: part.chargeId,
          amount: part.amount,
          reason: 'requested_by_customer',
          metadata: { booking_id: refund.bookingId, refund_id: refund.id },
        },
        { idempotencyKey: `refund-${refund.id}-${part.chargeId}` },
      );
      stripeIds.push(r.id);
    }
    let reversalId: string | null = null;
    if (refund.reversalAmount > 0 && row.transferId) {
      const reversal = await this.ctx.stripe.transfers.createReversal(
        row.transferId,
        { amount: refund.reversalAmount, metadata: { booking_id: refund.bookingId, refund_id: refund.id } },
        { idempotencyKey: `reversal-${refund.id}` },
      );
      reversalId = reversal.id;
    }
    await this.ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.refund.updateMany({
        where: { id: refund.id, status: 'PENDING' },
        data: { status: 'SUCCEEDED', reversalId },
      });
      if (count === 0) return;
      await this.ledgerService.record(
        tx,
        ledger.refund(
          scopeOf(row),
          `refund-${refund.id}`,
          refund.amount,
          refund.reversalAmount,
          refund.payableReduction,
          stripeIds[0] ?? null,
        ),
        this.ctx.now(),
      );
      await emitEvent(tx, {
        type: 'payment.refunded',
        aggregateType: 'Booking',
        aggregateId: refund.bookingId,
        payload: { bookingId: refund.bookingId, amount: money(refund.amount, refund.currency) },
      });
    });
  }
}

/** Refunds come off the session charge first, then off a tip charged after the session. */
function planRefundParts(
  row: BookingPayment & {
    tips: { chargeId: string | null; amount: number; status: string }[];
    refunds: { parts: unknown }[];
  },
  amount: number,
): RefundPart[] {
  const charges: RefundPart[] = [];
  const tipTotal = row.tips.filter((t) => t.status === 'SUCCEEDED').reduce((s, t) => s + t.amount, 0);
  if (row.chargeId) charges.push({ chargeId: row.chargeId, amount: row.capturedAmount - tipTotal });
  for (const t of row.tips)
    if (t.status === 'SUCCEEDED' && t.chargeId) charges.push({ chargeId: t.chargeId, amount: t.amount });
  const already = new Map<string, number>();
  for (const r of row.refunds)
    for (const p of r.parts as RefundPart[])
      already.set(p.chargeId, (already.get(p.chargeId) ?? 0) + p.amount);
  const parts: RefundPart[] = [];
  let left = amount;
  for (const c of charges) {
    const room = c.amount - (already.get(c.chargeId) ?? 0);
    const take = Math.min(room, left);
    if (take > 0) parts.push({ chargeId: c.chargeId, amount: take });
    left -= take;
  }
  if (left > 0) throw new RangeError('refund plan does not cover the amount');
  return parts;
}
