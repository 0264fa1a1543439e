import {
  type BookingPayment,
  isUniqueViolation,
  type Prisma,
  recordAudit,
  type TransactionClient,
} from '@mm/db';
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
import {
  completeRefund,
  createRefund,
  createTip,
  deleteTip,
  findPayment,
  getPayment,
  getRefund,
  lockPayment,
  paymentWithChildren,
  reclaimUnknownTip,
  updatePayment,
  updateTip,
} from './charges.repository.ts';
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
    const row = await this.tippablePayment(v.userId, bookingId);
    const card = await this.cards.chargeable(v.userId);
    if (!card) throw new ChargesError('NO_SAVED_CARD', NO_CARD_MESSAGE);
    const tip = await this.reserveTip(row, amount);
    const intent = await this.chargeTip(row, tip.id, amount, card);
    await this.recordTip(row, tip.id, amount, intent);
    return getPayment(this.ctx.prisma, bookingId);
  }

  /** The client's own completed, fully charged booking, still inside the tip window. */
  private async tippablePayment(clientId: string, bookingId: string): Promise<BookingPayment> {
    const row = await findPayment(this.ctx.prisma, bookingId);
    if (!row || row.clientId !== clientId) throw notFound('The booking');
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
    return row;
  }

  /**
   * The tip row comes first: its id keys the charge, and the unique booking id allows one tip. A client's
   * retry of a tip Stripe never confirmed (UNKNOWN, same amount) reclaims that row and so repeats its
   * idempotency key: Stripe answers with the first charge, not a second.
   */
  private async reserveTip(row: BookingPayment, amount: number): Promise<{ id: string }> {
    try {
      return await createTip(this.ctx.prisma, {
        bookingId: row.bookingId,
        amount,
        currency: row.currency,
        status: 'PENDING',
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const claimed = await reclaimUnknownTip(this.ctx.prisma, row.bookingId, amount);
    if (claimed) return claimed;
    throw new ChargesError('TIP_ALREADY_ADDED', 'You already added a tip for this session.');
  }

  private async chargeTip(
    row: BookingPayment,
    tipId: string,
    amount: number,
    card: { customer: string; paymentMethod: string },
  ): Promise<Stripe.PaymentIntent> {
    try {
      return await this.ctx.stripe.paymentIntents.create(
        {
          amount,
          currency: minorCurrency(row.currency),
          customer: card.customer,
          payment_method: card.paymentMethod,
          confirm: true,
          off_session: true,
          transfer_group: transferGroup(row.bookingId),
          description: 'Tip for your therapist',
          metadata: { booking_id: row.bookingId, kind: 'tip' },
        },
        { idempotencyKey: `tip-${tipId}` },
      );
    } catch (err) {
      if (isCardError(err)) {
        await deleteTip(this.ctx.prisma, tipId);
        throw new ChargesError('CARD_DECLINED', declineMessage(err.code, err.decline_code));
      }
      await updateTip(this.ctx.prisma, tipId, { status: 'UNKNOWN' });
      throw new ChargesError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'The tip could not be confirmed with the card network; it will not be charged twice.',
      );
    }
  }

  private async recordTip(
    row: BookingPayment,
    tipId: string,
    amount: number,
    intent: Stripe.PaymentIntent,
  ): Promise<void> {
    const bookingId = row.bookingId;
    const chargeId =
      typeof intent.latest_charge === 'string'
        ? intent.latest_charge
        : (intent.latest_charge?.id ?? intent.id);
    const scope = scopeOf(row);
    const at = this.ctx.now();
    await this.ctx.prisma.$transaction(async (tx) => {
      await updateTip(tx, tipId, { status: 'SUCCEEDED', paymentIntentId: intent.id, chargeId });
      await updatePayment(tx, bookingId, {
        capturedAmount: { increment: amount },
        therapistAmount: { increment: amount },
      });
      await this.ledgerService.record(
        tx,
        ledger.capture(scope, `capture-tip-${bookingId}`, amount, chargeId, 'Tip charged'),
        at,
      );
      await this.ledgerService.record(tx, ledger.tip(scope, `tip-added-${bookingId}`, amount), at);
      // The tip is owed to the therapist from this commit: a durable transfer job.
      await enqueueOps(tx, { kind: 'transfer', bookingId }, { jobId: `transfer-${bookingId}-tip-${tipId}` });
    });
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
    const refund = await this.ctx.prisma.$transaction((tx) =>
      this.reserveRefund(tx, admin, input.bookingId, input.amount, reason),
    );
    try {
      await this.executeRefund(refund.id);
    } catch (err) {
      // Reserved and keyed: the job retries with the same keys, never refunding twice.
      if (isCardError(err)) throw err;
    }
    return getRefund(this.ctx.prisma, refund.id);
  }

  /** Under the payment's row lock: checks the amount, writes the refund and its job, audits it. */
  private async reserveRefund(
    tx: TransactionClient,
    admin: Viewer,
    bookingId: string,
    requested: number | null,
    reason: string,
  ) {
    if (!(await lockPayment(tx, bookingId))) throw notFound('The payment for this booking');
    const row = await paymentWithChildren(tx, bookingId);
    const amount = refundAmount(row, requested);
    const { reversal, payableReduction } = refundShares(row, amount);
    const created = await createRefund(tx, {
      bookingId: row.bookingId,
      amount,
      currency: row.currency,
      reason,
      status: 'PENDING',
      reversalAmount: reversal,
      payableReduction,
      parts: planRefundParts(row, amount) as unknown as Prisma.InputJsonValue,
      requestedBy: admin.userId,
    });
    await updatePayment(tx, row.bookingId, {
      refundedAmount: { increment: amount },
      therapistAmount: { decrement: payableReduction },
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
  }

  /** Carries out a reserved refund; safe to repeat (keys derived from the refund id). */
  async executeRefund(refundId: string): Promise<void> {
    const refund = await getRefund(this.ctx.prisma, refundId);
    if (refund.status !== 'PENDING') return;
    const row = await getPayment(this.ctx.prisma, refund.bookingId);
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
      const count = await completeRefund(tx, refund.id, reversalId);
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

/** The amount to refund: what was asked, or all that is left; never more than is left. */
function refundAmount(row: BookingPayment, requested: number | null): number {
  if (row.capturedAmount === 0) {
    throw new ChargesError(
      'PAYMENT_NOT_CAPTURED',
      'Nothing was charged for this booking, so there is nothing to refund.',
    );
  }
  const left = refundable(row.capturedAmount, row.refundedAmount);
  const amount = requested ?? left;
  if (amount > left || amount === 0) {
    throw new ChargesError(
      'REFUND_EXCEEDS_CAPTURED',
      `At most ${left} (minor units, ${row.currency}) can still be refunded: ${row.capturedAmount} was charged and ${row.refundedAmount} already refunded.`,
      { refundable: left, captured: row.capturedAmount, refunded: row.refundedAmount },
    );
  }
  return amount;
}

/** The therapist's part of a refund: reversed from what was transferred, the rest taken off what is owed. */
function refundShares(row: BookingPayment & { refunds: { reversalAmount: number }[] }, amount: number) {
  const portion = refundTherapistPortion({
    refund: amount,
    refundedBefore: row.refundedAmount,
    captured: row.capturedAmount,
    therapistAmount: row.therapistAmount,
  });
  const reversedBefore = row.refunds.reduce((s, r) => s + r.reversalAmount, 0);
  const reversal = Math.min(portion, Math.max(0, row.transferredAmount - reversedBefore));
  return { reversal, payableReduction: portion - reversal };
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
