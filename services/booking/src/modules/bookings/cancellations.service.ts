import type { Booking, TransactionClient } from '@mm/db';
import { notFound, type Viewer } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import type { BookingContext } from '../../context.ts';
import type { DirectoryRepository } from '../directory/directory.repository.ts';
import type { PricingRepository } from '../pricing/pricing.repository.ts';
import { canSee, money } from './booking.fields.ts';
import { scheduleDispatchStep } from './booking.jobs.ts';
import { type BookingEvent, transition } from './booking.state-machine.ts';
import type { AfterCommit, BookingLifecycle } from './booking-lifecycle.ts';
import { type CancellationOutcome, type CancellationPolicy, cancellationFee } from './cancellation.policy.ts';

export interface StoredCancellation extends CancellationOutcome {
  actor: 'CLIENT' | 'THERAPIST' | 'SYSTEM';
  reason: string;
  currency: string;
  at: string;
}

export function storedCancellation(
  booking: Booking,
  outcome: CancellationOutcome,
  actor: StoredCancellation['actor'],
  reason: string,
  now: Date,
): StoredCancellation {
  return { ...outcome, actor, reason, currency: booking.currency, at: now.toISOString() };
}

export interface CancellationsDeps {
  ctx: BookingContext;
  lifecycle: BookingLifecycle;
  pricing: PricingRepository;
  directory: DirectoryRepository;
}

type Cancelled = { booking: Booking; cancellation: StoredCancellation };

/** Cancellations by the client, an admin, the therapist (re-dispatch) or payments (a failed hold). */
export class CancellationsService {
  constructor(private readonly d: CancellationsDeps) {}

  private get now(): Date {
    return this.d.ctx.now();
  }

  async cancel(viewer: Viewer, bookingId: string): Promise<Cancelled> {
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.d.lifecycle.lock(tx, bookingId);
      if (!booking || !canSee(viewer, booking)) throw notFound('The booking');
      const policy = await this.d.pricing.activeCancellationPolicy(booking.createdAt, tx);
      return viewer.role === 'THERAPIST'
        ? this.withdrawTherapist(tx, after, booking, policy, viewer.userId)
        : this.cancelForGood(tx, after, booking, policy, viewer.role === 'ADMIN' ? 'SYSTEM' : 'CLIENT');
    });
  }

  private feeBase(booking: Booking) {
    return {
      confirmedAt: booking.confirmedAt,
      startsAt: booking.startsAt,
      arrivedAt: booking.arrivedAt,
      now: this.now,
      servicePrice: booking.subtotal,
    };
  }

  /** The therapist withdraws: no client fee, counts against reliability, the booking is re-dispatched. */
  private async withdrawTherapist(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    policy: CancellationPolicy,
    therapistId: string,
  ): Promise<Cancelled> {
    transition(booking.state, 'cancelByTherapist');
    const now = this.now;
    const outcome = cancellationFee(policy, {
      ...this.feeBase(booking),
      actor: 'THERAPIST',
      reason: 'THERAPIST_REQUEST',
    });
    const stored = storedCancellation(booking, outcome, 'THERAPIST', 'THERAPIST_REQUEST', now);
    const next = await this.d.lifecycle.apply(
      tx,
      after,
      booking,
      'cancelByTherapist',
      {
        therapistId: null,
        confirmedAt: null,
        enRouteAt: null,
        modificationsAcknowledgedAt: null,
        excludedTherapistIds: [...new Set([...booking.excludedTherapistIds, therapistId])],
        searchStartedAt: now,
        dispatchRound: booking.dispatchRound + 1,
        batchesSent: 0,
        batchExpiresAt: null,
      },
      'The therapist cancelled; we are finding you another therapist at no extra cost.',
    );
    if (outcome.reliabilityPenalty) await this.d.directory.countJobCancelled(tx, therapistId);
    await scheduleDispatchStep(tx, next, now);
    return { booking: next, cancellation: stored };
  }

  private async cancelForGood(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    policy: CancellationPolicy,
    actor: 'CLIENT' | 'SYSTEM',
  ): Promise<Cancelled> {
    const event: BookingEvent = actor === 'SYSTEM' ? 'cancelBySystem' : 'cancelByClient';
    transition(booking.state, event);
    const reason = actor === 'SYSTEM' ? 'PLATFORM' : 'CLIENT_REQUEST';
    const outcome = cancellationFee(policy, { ...this.feeBase(booking), actor, reason });
    const stored = storedCancellation(booking, outcome, actor, reason, this.now);
    const next = await this.d.lifecycle.apply(tx, after, booking, event, {
      cancellation: stored as object,
      endedAt: this.now,
      endReason: actor === 'SYSTEM' ? 'CANCELLED_BY_PLATFORM' : 'CANCELLED_BY_CLIENT',
    });
    await this.d.lifecycle.withdrawOpenOffers(tx, booking.id);
    await this.emitCancelled(tx, booking, actor, reason, outcome);
    return { booking: next, cancellation: stored };
  }

  /** payment.hold_failed: SCREENED or CONFIRMED → CANCELLED, no fee; the client is told why. */
  async holdFailed(tx: TransactionClient, bookingId: string, reason: string): Promise<void> {
    const booking = await this.d.lifecycle.lock(tx, bookingId);
    if (!booking || (booking.state !== 'SCREENED' && booking.state !== 'CONFIRMED')) return;
    const after: AfterCommit = [];
    const outcome = cancellationFee(await this.d.pricing.activeCancellationPolicy(this.now, tx), {
      confirmedAt: booking.confirmedAt,
      startsAt: booking.startsAt,
      now: this.now,
      servicePrice: booking.subtotal,
      actor: 'SYSTEM',
      reason: 'PLATFORM',
    });
    const message = `Your card could not be authorized (${reason}). Update your payment method and book again.`;
    const stored = storedCancellation(booking, outcome, 'SYSTEM', 'HOLD_FAILED', this.now);
    await this.d.lifecycle.apply(
      tx,
      after,
      booking,
      'holdFailed',
      { cancellation: stored as object, endedAt: this.now, endReason: 'HOLD_FAILED' },
      message,
    );
    await this.d.lifecycle.withdrawOpenOffers(tx, bookingId);
    await this.emitCancelled(tx, booking, 'SYSTEM', 'HOLD_FAILED', outcome);
    // The consumer's transaction commits after this returns; the live update is best effort.
    for (const effect of after) await effect().catch(() => undefined);
  }

  private async emitCancelled(
    tx: TransactionClient,
    booking: Booking,
    actor: 'CLIENT' | 'SYSTEM',
    reason: string,
    outcome: CancellationOutcome,
  ): Promise<void> {
    await emitEvent(tx, {
      type: 'booking.cancelled',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: {
        bookingId: booking.id,
        clientId: booking.clientId,
        therapistId: booking.therapistId,
        actor,
        reason,
        fee: money(booking, outcome.feeAmount),
        therapistShare: money(booking, outcome.therapistShare),
      },
    });
  }
}
