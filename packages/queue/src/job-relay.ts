import type { TransactionClient } from '@mm/db';
import type { JobsOptions, Queue } from 'bullmq';

interface JobRow {
  id: string;
  queue: string;
  name: string;
  job_id: string;
  data: unknown;
  delay_until: Date | null;
  attempts: number;
  trace_context: Record<string, string> | null;
}

/** Completed jobs are kept a week, so a late re-publish of the same id is still recognised. */
const KEEP_COMPLETED = { age: 7 * 24 * 3600 };

export const jobOptions = (
  row: Pick<JobRow, 'job_id' | 'delay_until' | 'attempts'> & { trace_context?: JobRow['trace_context'] },
  now: Date,
): JobsOptions => ({
  // BullMQ keeps this with the job (its own field for context propagation); the worker continues the trace.
  ...(row.trace_context?.traceparent ? { telemetry: { metadata: JSON.stringify(row.trace_context) } } : {}),
  jobId: row.job_id,
  // The due time is stored; the delay is what is left of it when published.
  delay: row.delay_until ? Math.max(0, row.delay_until.getTime() - now.getTime()) : 0,
  attempts: row.attempts,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: false,
});

/** Claims unpublished job rows (SKIP LOCKED) and adds them to BullMQ; returns the ids it published. */
export async function publishJobRows(
  tx: TransactionClient,
  queue: (name: string) => Queue,
  now: Date,
  batchSize: number,
): Promise<string[]> {
  const rows = await tx.$queryRaw<JobRow[]>`
    SELECT id, queue, name, job_id, data, delay_until, attempts, trace_context
    FROM platform.outbox_jobs
    WHERE published_at IS NULL
    ORDER BY created_at, id
    LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED`;
  for (const row of rows) await queue(row.queue).add(row.name, row.data, jobOptions(row, now));
  return rows.map((r) => r.id);
}

export async function markJobsPublished(tx: TransactionClient, ids: string[], now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE platform.outbox_jobs
    SET published_at = now(),
        settled_at = coalesce(settled_at, CASE WHEN coalesce(delay_until, '-infinity') <= ${now} THEN now() END)
    WHERE id = ANY(${ids}::uuid[])`;
}

/**
 * Jobs that are due by the relay's clock but still delayed in BullMQ (a clock
 * moved ahead, or skew between machines) are promoted; a job that went missing
 * is added again under its id. Each row is settled once.
 */
export async function settleDueJobs(
  tx: TransactionClient,
  queue: (name: string) => Queue,
  now: Date,
  batchSize: number,
): Promise<number> {
  const rows = await tx.$queryRaw<JobRow[]>`
    SELECT id, queue, name, job_id, data, delay_until, attempts, trace_context
    FROM platform.outbox_jobs
    WHERE published_at IS NOT NULL AND settled_at IS NULL AND delay_until <= ${now}
    ORDER BY delay_until, id
    LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED`;
  for (const row of rows) {
    const job = await queue(row.queue).getJob(row.job_id);
    if (!job) await queue(row.queue).add(row.name, row.data, jobOptions(row, now));
    else if ((await job.getState()) === 'delayed') await job.promote().catch(() => undefined); // it may have started meanwhile
  }
  if (rows.length > 0) {
    await tx.$executeRaw`UPDATE platform.outbox_jobs SET settled_at = now() WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
  }
  return rows.length;
}

/**
 * Keeps each job row until BullMQ reports it finished, so Redis is only the
 * carrier: a due job that finished (completed, or failed for good and kept for
 * inspection) is recorded as such; one that is missing although finished jobs
 * are kept a week was lost with Redis's data and is added again under its id.
 * No row lock: adding under the job's id and recording completion are both idempotent, so two relays may
 * confirm the same row, and a pass that finds nothing finished writes nothing (a lock would take a
 * transaction id and dirty every row it held, every 2 s, for as long as a job waits or retries).
 */
export async function confirmJobs(
  tx: TransactionClient,
  queue: (name: string) => Queue,
  now: Date,
  batchSize: number,
): Promise<number> {
  const rows = await tx.$queryRaw<JobRow[]>`
    SELECT id, queue, name, job_id, data, delay_until, attempts, trace_context
    FROM platform.outbox_jobs
    WHERE settled_at IS NOT NULL AND completed_at IS NULL AND created_at > now() - interval '7 days'
    ORDER BY settled_at, id
    LIMIT ${batchSize}`;
  const finished: string[] = [];
  for (const row of rows) {
    const job = await queue(row.queue).getJob(row.job_id);
    if (!job) await queue(row.queue).add(row.name, row.data, jobOptions(row, now));
    else if (['completed', 'failed'].includes(await job.getState())) finished.push(row.id);
  }
  if (finished.length > 0) {
    await tx.$executeRaw`UPDATE platform.outbox_jobs SET completed_at = now() WHERE id = ANY(${finished}::uuid[])`;
  }
  return rows.length;
}

/** The trace context a job was published with (see jobOptions), for the worker's span. */
export function jobTraceCarrier(job: { opts?: JobsOptions }): Record<string, string> | undefined {
  const metadata = job.opts?.telemetry?.metadata;
  if (!metadata) return undefined;
  try {
    const carrier = JSON.parse(metadata) as unknown;
    return carrier && typeof carrier === 'object' ? (carrier as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}
