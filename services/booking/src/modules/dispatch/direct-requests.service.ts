import type { Booking, TransactionClient } from '@mm/db';
import { emitEvent, enqueueJob, queueNotification } from '@mm/queue';
import type { BookingContext } from '../../context.ts';
import { BOOKING_JOBS_QUEUE, type BookingJobData } from '../bookings/booking.jobs.ts';
import type { AfterCommit, BookingLifecycle } from '../bookings/booking-lifecycle.ts';
import { chooseBy, unansweredReason } from './direct-request.policy.ts';
import type { DirectRequestsRepository } from './direct-requests.repository.ts';
import { DEFAULT_DISPATCH_POLICY, type DispatchPolicy } from './dispatch.policy.ts';

export const CHOICE_EXPIRY = 'choice-expiry';
export const CHOICE_SWEEP = 'choice-sweep';

const REASON_TEXT = {
  DECLINED: 'The therapist you chose declined; choose to wait, ask another therapist, or open the request.',
  EXPIRED: 'The therapist you chose did not answer in time; choose what to do next.',
  UNAVAILABLE: 'The therapist you chose cannot take this booking; choose what to do next.',
} as const;

/**
 * The direct request's side of dispatch: when the chosen therapist does not
 * take it, the booking waits for the client (AWAITING_CLIENT_CHOICE, notified)
 * until the dispatch deadline, then expires like an unanswered search.
 */
export class DirectRequests {
  private readonly policy: DispatchPolicy;

  constructor(
    private readonly ctx: BookingContext,
    private readonly lifecycle: BookingLifecycle,
    private readonly repo: DirectRequestsRepository,
    policy?: DispatchPolicy,
  ) {
    this.policy = policy ?? DEFAULT_DISPATCH_POLICY;
  }

  chooseBy(booking: Pick<Booking, 'startsAt'>): Date {
    return chooseBy(booking.startsAt, this.policy.deadline.minutesBeforeStart);
  }

  /** SEARCHING → AWAITING_CLIENT_CHOICE, under the dispatcher's row lock. */
  async unanswered(tx: TransactionClient, after: AfterCommit, booking: Booking): Promise<void> {
    const offers = await this.lifecycle.repo.offers(tx, {
      bookingId: booking.id,
      round: booking.dispatchRound,
    });
    const reason = unansweredReason(offers.map((o) => o.status));
    const by = this.chooseBy(booking);
    await this.lifecycle.apply(
      tx,
      after,
      booking,
      'directRequestUnanswered',
      { batchExpiresAt: null },
      REASON_TEXT[reason],
    );
    await queueNotification(tx, {
      userId: booking.clientId,
      template: 'direct-request-unanswered',
      payload: {
        bookingId: booking.id,
        startsAt: booking.startsAt.toISOString(),
        reason,
        chooseBy: by.toISOString(),
      },
      dedupeKey: `direct-unanswered-${booking.id}-r${booking.dispatchRound}`,
    });
    await enqueueJob<BookingJobData>(tx, {
      queue: BOOKING_JOBS_QUEUE,
      name: CHOICE_EXPIRY,
      data: { bookingId: booking.id },
      jobId: `choice-${booking.id}-${by.getTime()}`,
      delayUntil: by,
      attempts: 5,
      promoteWhenDue: false,
    });
  }

  /** The choice-expiry job and the sweep: a client who did not choose in time; the hold is released. */
  async expire(bookingId: string): Promise<'EXPIRED' | 'NOT_DUE' | 'NOT_AWAITING'> {
    return this.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.lifecycle.lock(tx, bookingId);
      if (booking?.state !== 'AWAITING_CLIENT_CHOICE') return 'NOT_AWAITING';
      const now = this.ctx.now();
      if (now < this.chooseBy(booking)) return 'NOT_DUE';
      await this.lifecycle.apply(
        tx,
        after,
        booking,
        'choiceExpired',
        { endedAt: now, endReason: 'NO_CLIENT_CHOICE' },
        'You did not choose in time, so the request ended; the card hold is released.',
      );
      await emitEvent(tx, {
        type: 'booking.expired',
        aggregateType: 'Booking',
        aggregateId: booking.id,
        payload: { bookingId: booking.id, clientId: booking.clientId },
      });
      return 'EXPIRED';
    });
  }

  /** Expires every choice left past its deadline, so a lost expiry job cannot keep a hold alive. */
  async sweep(limit = 100): Promise<number> {
    const minutes = this.policy.deadline.minutesBeforeStart;
    const due = await this.repo.awaitingChoiceStartingBy(
      new Date(this.ctx.now().getTime() + minutes * 60_000),
      limit,
    );
    for (const id of due) await this.expire(id);
    return due.length;
  }
}
