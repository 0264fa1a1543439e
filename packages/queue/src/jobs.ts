import { randomUUID } from 'node:crypto';
import type { Prisma, TransactionClient } from '@mm/db';
import { traceCarrier } from '@mm/telemetry';

export interface NewJob<D = unknown> {
  /** BullMQ queue name (no ':'). */
  queue: string;
  /** BullMQ job name: the processor's key in a module's `jobs`. */
  name: string;
  data: D;
  /** Deterministic id (no ':'): the same id published twice is one job. Defaults to the row id. */
  jobId?: string;
  /** Not before this time, by the relay's clock; omitted means at once. */
  delayUntil?: Date;
  /** BullMQ attempts (exponential backoff from 1 s). */
  attempts?: number;
  /**
   * Promote the job when it falls due by the relay's clock even if BullMQ still
   * holds it delayed (default true). A processor that re-reads the clock and
   * reschedules itself may opt out, keeping only the delay computed at publish.
   */
  promoteWhenDue?: boolean;
}

/**
 * Records a BullMQ job in the same transaction as the change that calls for
 * it, so the job exists exactly when the change committed; the outbox relay
 * publishes it. A processor therefore never runs before its data is visible.
 */
export async function enqueueJob<D>(tx: TransactionClient, job: NewJob<D>): Promise<string> {
  const id = randomUUID();
  const jobId = job.jobId ?? id;
  if (job.queue.includes(':') || jobId.includes(':')) {
    throw new Error(`BullMQ queue names and job ids may not contain ':' (${job.queue} ${jobId})`);
  }
  // The job continues the trace of whatever wrote it (a request, a consumer, another job).
  const trace = traceCarrier();
  await tx.outboxJob.create({
    data: {
      ...(trace.traceparent ? { traceContext: trace } : {}),
      id,
      queue: job.queue,
      name: job.name,
      jobId,
      data: job.data as Prisma.InputJsonValue,
      delayUntil: job.delayUntil ?? null,
      ...(job.attempts ? { attempts: job.attempts } : {}),
      // Settled from the start: the relay's promotion pass never looks at it.
      ...(job.promoteWhenDue === false ? { settledAt: new Date() } : {}),
    },
  });
  return jobId;
}
