import { type BookingPayment, isUniqueViolation, type Prisma, recordAudit } from '@mm/db';
import { badInput, notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import type { CardsService } from '../cards/cards.service.ts';
import { ledger } from '../ledger/ledger.policy.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { enqueueOps } from '../shared/ops.ts';
import { isCardError, minorCurrency } from '../shared/stripe.ts';
import { ChargesError } from './charges.errors.ts';
import { lockPayment } from './charges.repository.ts';
import {
  declineMessage,
  NO_CARD_MESSAGE,
  refundable,
  refundTherapistPortion,
  tipWindowOpen,
} from './payment.policy.ts';
import { transferGroup } from './transfers.ts';

export interface RefundPart {
  chargeId: string;
  amount: number;
}

const money = (amount: number, currency: string) => ({ amount, currency });
const scopeOf = (p: BookingPayment) => ({
  bookingId: p.bookingId,
  therapistId: p.therapistId,
  currency: p.currency,
});

/** After the session: the client's tip (a separate off-session charge) and an admin's refund. */
export class AdjustmentsService {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly ledgerService: LedgerService,
    private readonly cards: CardsService,
  ) {}

  /** A tip added after the session: a separate off-session charge, all of it to the therapist. */
  async addTip(viewer: Viewer | null, bookingId: string, amount: number) {
    const v = requireRole(viewer, 'CLIENT');
    if (!Number.isInteger(amount) || amount < 100 || amount > 50_000) {
      throw badInput('A tip must be between 1.00 and 500.00.', [{ path: 'amount', message: 'out of range' }]);
    }
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    if (!row || row.clientId !== v.userId) throw notFound('The booking');
    if (row.status !== 'CAPTURED' || row.settlement !== 'FULL' || !row.completedAt) {
      throw new ChargesError(
        'PAYMENT_NOT_CAPTURED',
        'A tip can be added once the session is completed and paid.',
      );
    }
    if (!tipWindowOpen(row.completedAt, this.ctx.now())) {
      throw new ChargesError(
        'TIP_WINDOW_CLOSED',
        'Tips can be added for 24 hours after the session; this window has closed.',
      );
    }
    const card = await this.cards.chargeable(v.userId);
    if (!card) throw new ChargesError('NO_SAVED_CARD', NO_CARD_MESSAGE);
    const tip = await this.claimTip(bookingId, amount, row.currency);
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
        throw new ChargesError('CARD_DECLINED', declineMessage(err.code, err.decline_code));
      }
      await this.ctx.prisma.tip.update({ where: { id: tip.id }, data: { status: 'UNKNOWN' } });
      throw new ChargesError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
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
      // The tip is owed to the therapist from this commit: a durable transfer job.
      await enqueueOps(tx, { kind: 'transfer', bookingId }, { jobId: `transfer-${bookingId}-tip-${tip.id}` });
    });
    return this.ctx.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
  }

  /**
   * A new tip row, or the client's retry of one Stripe never confirmed (UNKNOWN, same amount):
   * the retry repeats the idempotency key, so Stripe answers with the first charge, not a second.
   */
  private async claimTip(bookingId: string, amount: number, currency: string): Promise<{ id: string }> {
    try {
      return await this.ctx.prisma.tip.create({ data: { bookingId, amount, currency, status: 'PENDING' } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const claimed = await this.ctx.prisma.tip.updateManyAndReturn({
      where: { bookingId, amount, status: 'UNKNOWN' },
      data: { status: 'PENDING' },
      select: { id: true },
    });
    if (claimed[0]) return claimed[0];
    throw new ChargesError('TIP_ALREADY_ADDED', 'You already added a tip for this session.');
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
      if (!(await lockPayment(tx, input.bookingId))) throw notFound('The payment for this booking');
      const row = await tx.bookingPayment.findUniqueOrThrow({
        where: { bookingId: input.bookingId },
        include: { tips: true, refunds: true },
      });
      if (row.capturedAmount === 0) {
        throw new ChargesError(
          'PAYMENT_NOT_CAPTURED',
          'Nothing was charged for this booking, so there is nothing to refund.',
        );
      }
      const left = refundable(row.capturedAmount, row.refundedAmount);
      const amount = input.amount ?? left;
      if (amount > left || amount === 0) {
        throw new ChargesError(
          'REFUND_EXCEEDS_CAPTURED',
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
      // The refund is a durable intent from this commit: the job finishes it if this attempt fails.
      await enqueueOps(tx, { kind: 'refund', refundId: created.id });
      return created;
    });
    try {
      await this.executeRefund(refund.id);
    } catch (err) {
      // Reserved and keyed: the job retries with the same keys, never refunding twice.
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
