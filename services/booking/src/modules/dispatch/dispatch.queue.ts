import type { Config } from '@mm/config';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** BullMQ queue names and job ids may not contain ':'. */
export const BOOKING_JOBS_QUEUE = 'booking-dispatch';

export type BookingJob =
  | { name: 'dispatch-step'; data: { bookingId: string } }
  | { name: 'checkout-watch'; data: { bookingId: string } };

/**
 * Delayed jobs for dispatch (the next step when a batch expires, the deadline)
 * and the safety check-out watch. Delays are computed from the injected
 * clock; processors read the clock again and act only when it is time, so a
 * job that fires early does nothing but reschedule, and tests can run the
 * step functions directly with a TestClock.
 */
export class BookingJobs {
  private queueInstance: Queue | null = null;

  constructor(
    private readonly config: Config,
    private readonly connection: Redis,
    private readonly now: () => Date,
  ) {}

  private get queue(): Queue {
    this.queueInstance ??= new Queue(BOOKING_JOBS_QUEUE, {
      connection: this.connection,
      prefix: this.config.QUEUE_PREFIX,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    });
    return this.queueInstance;
  }

  /** Deterministic id per (booking, time): scheduling the same step twice adds one job. */
  async scheduleDispatchStep(bookingId: string, at: Date): Promise<void> {
    await this.add({ name: 'dispatch-step', data: { bookingId } }, `step-${bookingId}-${at.getTime()}`, at);
  }

  async scheduleCheckoutWatch(bookingId: string, at: Date): Promise<void> {
    await this.add(
      { name: 'checkout-watch', data: { bookingId } },
      `checkout-${bookingId}-${at.getTime()}`,
      at,
    );
  }

  private async add(job: BookingJob, jobId: string, at: Date): Promise<void> {
    const delay = Math.max(0, at.getTime() - this.now().getTime());
    await this.queue.add(job.name, job.data, { jobId, delay });
  }

  async close(): Promise<void> {
    const q = this.queueInstance;
    this.queueInstance = null;
    await q?.close();
  }
}
