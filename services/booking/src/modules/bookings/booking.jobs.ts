import type { TransactionClient } from '@mm/db';
import { enqueueJob } from '@mm/queue';

/** BullMQ queue of booking's own jobs (names and job ids may not contain ':'). */
export const BOOKING_JOBS_QUEUE = 'booking-dispatch';
export const DISPATCH_STEP = 'dispatch-step';
export const CHECKOUT_WATCH = 'checkout-watch';
export const DISPATCH_SWEEP = 'dispatch-sweep';

export interface BookingJobData {
  bookingId: string;
}

/**
 * Jobs go through the job outbox, in the transaction of the change that calls
 * for them, so a processor never runs before that change is visible. Delays
 * come from the stored due time; processors read the injected clock again and
 * act only when it is time (an early job only reschedules), so these jobs do
 * not ask the relay to promote them.
 */
const schedule = (tx: TransactionClient, name: string, jobId: string, bookingId: string, at: Date) =>
  enqueueJob<BookingJobData>(tx, {
    queue: BOOKING_JOBS_QUEUE,
    name,
    data: { bookingId },
    jobId,
    delayUntil: at,
    attempts: 5,
    promoteWhenDue: false,
  });

/**
 * Deterministic id per (booking, dispatch round, time): scheduling the same step
 * twice is one job, and a re-dispatch (a new round) is a new one even at the same time.
 */
export const scheduleDispatchStep = (
  tx: TransactionClient,
  booking: { id: string; dispatchRound: number },
  at: Date,
) =>
  schedule(tx, DISPATCH_STEP, `step-${booking.id}-r${booking.dispatchRound}-${at.getTime()}`, booking.id, at);

export const scheduleCheckoutWatch = (tx: TransactionClient, bookingId: string, at: Date) =>
  schedule(tx, CHECKOUT_WATCH, `checkout-${bookingId}-${at.getTime()}`, bookingId, at);
