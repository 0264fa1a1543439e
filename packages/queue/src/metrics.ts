import type { PrismaClient } from '@mm/db';
import { metricsRegistry } from '@mm/telemetry';
import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, Gauge } from 'prom-client';

// Gauges are computed when Prometheus scrapes, from Redis and Postgres (the
// truth), so they are right whichever replica answers and cost nothing between scrapes.

const STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;

/** Every BullMQ queue under the prefix, found by its meta key: no list to keep in step. */
export async function listQueueNames(connection: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  let cursor = '0';
  for (let i = 0; i < 100; i++) {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', 500);
    for (const key of keys) names.add(key.slice(prefix.length + 1, -':meta'.length));
    cursor = next;
    if (cursor === '0') break;
  }
  return [...names].sort();
}

export interface PlatformMetricsOptions {
  prisma: PrismaClient;
  connection: Redis;
  prefix: string;
  now?: () => Date;
}

let registered = false;

/**
 * Queue depth, job lag and failures per queue; the outbox backlog and relay
 * lag; and business gauges (bookings by state, payments by status — holds
 * and captures —, refunds, safety alerts). Registered once per process by
 * the process that serves them (the relay; in tests, the stack).
 */
export function registerPlatformMetrics(opts: PlatformMetricsOptions): void {
  if (registered) return;
  registered = true;
  const now = opts.now ?? (() => new Date());
  registerQueueGauges(opts, now);
  registerOutboxGauges(opts, now);
  registerBusinessGauges(opts);
}

const registers = [metricsRegistry];

/** Depth and lag per BullMQ queue. */
function registerQueueGauges(opts: PlatformMetricsOptions, now: () => Date): void {
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: opts.connection, prefix: opts.prefix });
      queues.set(name, q);
    }
    return q;
  };

  // Both queue gauges are collected in parallel within one scrape: they share one read.
  type QueueStats = { name: string; counts: Record<string, number>; lagSeconds: number };
  let inFlight: Promise<QueueStats[]> | null = null;
  const readQueues = () => {
    inFlight ??= (async () => {
      const names = await listQueueNames(opts.connection, opts.prefix);
      return Promise.all(
        names.map(async (name) => {
          const q = queue(name);
          const counts = await q.getJobCounts(...STATES);
          const [oldest] = await q.getWaiting(0, 0);
          const lagSeconds = oldest ? Math.max(0, (now().getTime() - oldest.timestamp) / 1000) : 0;
          return { name, counts, lagSeconds };
        }),
      );
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs per queue and state (failed: failures kept for inspection).',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const q of await readQueues()) {
        for (const state of STATES) this.set({ queue: q.name, state }, q.counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'queue_lag_seconds',
    help: 'Age of the oldest job waiting to run, per queue (0 when none waits).',
    labelNames: ['queue'],
    registers,
    async collect() {
      this.reset();
      for (const q of await readQueues()) this.set({ queue: q.name }, q.lagSeconds);
    },
  });
}

function registerOutboxGauges(opts: PlatformMetricsOptions, now: () => Date): void {
  // Each gauge queries for itself: the registry prints a gauge right after its own collect.
  new Gauge({
    name: 'outbox_backlog',
    help: 'Events written but not yet published.',
    registers,
    async collect() {
      const [row] = await opts.prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM platform.outbox_events WHERE published_at IS NULL`;
      this.set(Number(row?.n ?? 0));
    },
  });
  new Gauge({
    name: 'outbox_relay_lag_seconds',
    help: 'Age of the oldest unpublished outbox event (0 when the relay is caught up).',
    registers,
    async collect() {
      const [row] = await opts.prisma.$queryRaw<{ oldest: Date | null }[]>`
        SELECT min(occurred_at) AS oldest FROM platform.outbox_events WHERE published_at IS NULL`;
      this.set(row?.oldest ? Math.max(0, (now().getTime() - row.oldest.getTime()) / 1000) : 0);
    },
  });
}

/** Business gauges: a count per label value of one grouped query. */
function registerBusinessGauges(opts: PlatformMetricsOptions): void {
  const grouped = (
    name: string,
    help: string,
    label: string,
    query: () => Promise<{ k: string; n: bigint }[]>,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers,
      async collect() {
        this.reset();
        for (const row of await query()) this.set({ [label]: row.k }, Number(row.n));
      },
    });
  grouped(
    'bookings',
    'Bookings by state.',
    'state',
    () => opts.prisma.$queryRaw`SELECT state::text AS k, count(*) AS n FROM booking.bookings GROUP BY 1`,
  );
  grouped(
    'booking_payments',
    'Booking payments by status (HELD: holds; CAPTURED: captures).',
    'status',
    () =>
      opts.prisma
        .$queryRaw`SELECT status::text AS k, count(*) AS n FROM payments.booking_payments GROUP BY 1`,
  );
  grouped(
    'refunds',
    'Refunds by status.',
    'status',
    () => opts.prisma.$queryRaw`SELECT status AS k, count(*) AS n FROM payments.refunds GROUP BY 1`,
  );
  grouped(
    'safety_alerts_open',
    'Unresolved safety alerts by kind.',
    'kind',
    () =>
      opts.prisma
        .$queryRaw`SELECT kind AS k, count(*) AS n FROM booking.safety_alerts WHERE resolved_at IS NULL GROUP BY 1`,
  );
}

const processed = new Counter({
  name: 'queue_jobs_processed_total',
  help: 'Jobs this process finished, per queue and outcome (completed, failed).',
  labelNames: ['queue', 'outcome'],
  registers: [metricsRegistry],
});

/** Counts a worker's completed and failed jobs in this process's /metrics. */
export function observeWorker<W extends Worker>(worker: W): W {
  worker.on('completed', () => processed.inc({ queue: worker.name, outcome: 'completed' }));
  worker.on('failed', () => processed.inc({ queue: worker.name, outcome: 'failed' }));
  return worker;
}
