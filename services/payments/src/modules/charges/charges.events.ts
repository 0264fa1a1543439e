import type { Prisma, TransactionClient } from '@mm/db';
import { type EventEnvelope, emitEvent } from '@mm/queue';
import type { PaymentsContext } from '../../context.ts';
import { enqueueOps } from '../shared/ops.ts';
import { isSafetyCancellation, planHold } from './payment.policy.ts';

export type Settlement =
  | { kind: 'FULL'; therapistId: string; completedAt: Date }
  | { kind: 'FEE'; fee: number; therapistShare: number; therapistId: string | null }
  | { kind: 'RELEASE' };

/**
 * What booking's events mean for the money, recorded inside the consumer's
 * transaction; the Stripe work they call for is written as ops jobs in the
 * same transaction (job outbox).
 */
export class ChargeEvents {
  constructor(private readonly ctx: PaymentsContext) {}

  async onRequested(event: EventEnvelope<'booking.requested'>, tx: TransactionClient): Promise<void> {
    const p = event.payload;
    // A free consultation has no money: no payment row, so no hold and nothing to settle later.
    if (p.kind === 'CONSULTATION') return;
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
      await enqueueOps(tx, job, { delayUntil: plan.authorizeAt });
    } else {
      await enqueueOps(tx, job);
    }
  }

  /**
   * A session is about to start on a deferred hold that is not placed yet: authorize now.
   * A hold already placed is announced again, so booking learns it (a lost hold_placed).
   */
  async onAuthorizationRequested(
    event: EventEnvelope<'booking.authorization_requested'>,
    tx: TransactionClient,
  ): Promise<void> {
    const { bookingId } = event.payload;
    const row = await tx.bookingPayment.findUnique({ where: { bookingId } });
    if (!row) return;
    if (row.status === 'HELD' && row.paymentIntentId) {
      await emitEvent(tx, {
        type: 'payment.hold_placed',
        aggregateType: 'Booking',
        aggregateId: bookingId,
        payload: {
          bookingId,
          paymentIntentId: row.paymentIntentId,
          amount: { amount: row.heldAmount, currency: row.currency },
        },
      });
      return;
    }
    if (row.status !== 'SCHEDULED') return;
    await tx.bookingPayment.updateMany({
      where: { bookingId, status: 'SCHEDULED' },
      data: { authorizeAt: this.ctx.now() },
    });
    // Its own id: the deferred hold job (hold-<id>) is still waiting in BullMQ for its time.
    await enqueueOps(tx, { kind: 'hold', bookingId }, { jobId: `hold-${bookingId}-on-demand` });
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
    await enqueueOps(tx, { kind: 'settle', bookingId });
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
}
