import type { PrismaClient } from '@mm/db';
import {
  createEventConsumer,
  createRedis,
  type EventHandlers,
  jobTraceCarrier,
  observeWorker,
  WORKER_LIVENESS,
} from '@mm/queue';
import { createLogger, inSpan } from '@mm/telemetry';
import { SpanKind } from '@opentelemetry/api';
import { type Job, Queue, Worker } from 'bullmq';
import { assertEventRoutes, type JobProcessor, type ModuleDefinition, mergeByKey } from './module.ts';
import type { Closable } from './run-service.ts';
import { keepSchedulers } from './schedulers.ts';

export interface ServiceWorkersOptions {
  service: string;
  modules: readonly ModuleDefinition[];
  prisma: PrismaClient;
  redisUrl: string;
  prefix: string;
  logLevel?: string;
  /** Parallel jobs per queue (default 5; scheduled-only queues run one at a time). */
  concurrency?: Record<string, number>;
  /** How often missing job schedulers are looked for (default SCHEDULER_CHECK_MS). */
  schedulerCheckMs?: number;
}

/** Every processor of the service by queue and job name; schedules are processors under their own name. */
function processorsByQueue(modules: readonly ModuleDefinition[]): Map<string, Record<string, JobProcessor>> {
  const byQueue = new Map<string, Record<string, JobProcessor>[]>();
  const add = (queue: string, procs: Record<string, JobProcessor>) =>
    byQueue.set(queue, [...(byQueue.get(queue) ?? []), procs]);
  for (const m of modules) {
    for (const [queue, procs] of Object.entries(m.jobs ?? {})) add(queue, procs);
    for (const s of m.schedules ?? []) add(s.queue, { [s.name]: () => s.run() });
  }
  return new Map([...byQueue].map(([queue, maps]) => [queue, mergeByKey(`job ${queue}/`, maps)]));
}

/**
 * A service's workers, derived from its module list: one event consumer for
 * every module's `handles` (refused when they disagree with EVENT_ROUTES),
 * one BullMQ worker per queue dispatching on the job name, and the job
 * schedulers. close() waits for running jobs.
 */
export async function startServiceWorkers(opts: ServiceWorkersOptions): Promise<Closable> {
  const { modules, prefix } = opts;
  assertEventRoutes(opts.service, modules);
  const log = createLogger(`${opts.service}-workers`, opts.logLevel);
  const connection = createRedis({ redisUrl: opts.redisUrl, forWorker: true });
  const handlers = mergeByKey(
    'event handler',
    modules.map((m) => m.handles),
  ) as EventHandlers;
  const consumer =
    Object.keys(handlers).length > 0
      ? createEventConsumer({ consumer: opts.service, prisma: opts.prisma, connection, prefix, handlers })
      : null;
  const schedules = modules.flatMap((m) => m.schedules ?? []);
  const onlyScheduled = new Set(schedules.map((s) => s.queue));
  for (const m of modules) for (const q of Object.keys(m.jobs ?? {})) onlyScheduled.delete(q);

  const workers = [...processorsByQueue(modules)].map(([queue, processors]) =>
    startJobWorker(opts, queue, processors, {
      connection,
      log,
      concurrency: opts.concurrency?.[queue] ?? (onlyScheduled.has(queue) ? 1 : 5),
    }),
  );
  const queues = new Map<string, Queue>();
  const queueOf = (name: string) => {
    const queue = queues.get(name) ?? new Queue(name, { connection, prefix });
    queues.set(name, queue);
    return queue;
  };
  const schedulers = keepSchedulers({
    schedules,
    queue: queueOf,
    connection,
    ...(opts.schedulerCheckMs ? { checkMs: opts.schedulerCheckMs } : {}),
    onCreated: (names) =>
      log.warn({ schedulers: names }, 'job schedulers were missing in Redis; created again'),
    onError: (err) => log.warn({ err: (err as Error).message }, 'job scheduler check failed; retrying'),
  });
  await schedulers.upsertAll();
  return {
    ready: async () => {
      if (connection.status !== 'ready') throw new Error(`redis connection ${connection.status}`);
      const stopped = workers.filter((w) => !w.isRunning()).map((w) => w.name);
      if (stopped.length > 0) throw new Error(`workers not running: ${stopped.join(', ')}`);
      if (consumer && !consumer.isRunning()) throw new Error('event consumer not running');
    },
    close: async () => {
      schedulers.stop();
      await Promise.all(workers.map((w) => w.close()));
      await consumer?.close();
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}

/** One BullMQ worker for a queue, dispatching on the job name. */
function startJobWorker(
  opts: ServiceWorkersOptions,
  queue: string,
  processors: Record<string, JobProcessor>,
  deps: {
    connection: ReturnType<typeof createRedis>;
    log: ReturnType<typeof createLogger>;
    concurrency: number;
  },
): Worker {
  const { connection, log, concurrency } = deps;
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const processor = processors[job.name];
      if (!processor) throw new Error(`no processor for job ${job.name} on ${queue}`);
      // The job's span continues the trace of whatever wrote it (enqueueJob records it).
      return inSpan(
        opts.service,
        `job ${queue}/${job.name}`,
        {
          carrier: jobTraceCarrier(job),
          kind: SpanKind.CONSUMER,
          attributes: { 'mm.job_id': String(job.id) },
        },
        () => processor(job),
      );
    },
    { connection, prefix: opts.prefix, concurrency, ...WORKER_LIVENESS },
  );
  worker.on('failed', (job, err) => {
    const retry = (job?.attemptsMade ?? 0) < (job?.opts.attempts ?? 1) ? 'will retry' : 'gave up';
    log.warn({ queue, job: job?.id, name: job?.name, err: err.message }, `job failed (${retry})`);
  });
  return observeWorker(worker);
}
