import type { TransactionClient } from '@mm/db';
import { enqueueJob } from '@mm/queue';

/** The payments work queue: every Stripe call driven by an event or webhook runs as one of these jobs. */
export const opsQueueName = 'payments-ops';

export type OpsJob =
  | { kind: 'hold'; bookingId: string }
  | { kind: 'settle'; bookingId: string }
  | { kind: 'transfer'; bookingId: string }
  | { kind: 'refund'; refundId: string }
  | { kind: 'stripe-event'; eventId: string }
  | { kind: 'due-holds' }
  | { kind: 'reconcile' }
  | { kind: 'payouts' };

/** Deterministic job ids (BullMQ drops a second job with the same id); never containing ':'. */
export const opsJobId = (job: OpsJob): string => {
  switch (job.kind) {
    case 'hold':
    case 'settle':
    case 'transfer':
      return `${job.kind}-${job.bookingId}`;
    case 'refund':
      return `refund-${job.refundId}`;
    case 'stripe-event':
      return `event-${job.eventId}`;
    default:
      return `${job.kind}-${Date.now()}`;
  }
};

/** Attempts of an ops job (exponential backoff): a Stripe outage of a few minutes is ridden out. */
export const OPS_ATTEMPTS = 12;

/**
 * Writes an ops job in the caller's transaction (job outbox): it exists exactly
 * when the change that calls for it committed, so no job waits for a commit.
 */
export function enqueueOps(
  tx: TransactionClient,
  job: OpsJob,
  opts: { delayUntil?: Date; jobId?: string } = {},
): Promise<string> {
  return enqueueJob(tx, {
    queue: opsQueueName,
    name: job.kind,
    data: job,
    jobId: opts.jobId ?? opsJobId(job),
    ...(opts.delayUntil ? { delayUntil: opts.delayUntil } : {}),
    attempts: OPS_ATTEMPTS,
  });
}
