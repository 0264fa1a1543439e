import type { PrismaClient, TransactionClient } from '@mm/db';
import { inSpan, traceCarrier } from '@mm/telemetry';
import { SpanKind } from '@opentelemetry/api';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENT_ROUTES, type EventEnvelope, type EventType, eventQueueName } from './events.ts';
import { confirmJobs, markJobsPublished, publishJobRows, settleDueJobs } from './job-relay.ts';
import { carrierLostData, forgetCarrierMark, redriveFromPostgres } from './redrive.ts';

export interface RelayOptions {
  prisma: PrismaClient;
  connection: Redis;
  prefix: string;
  batchSize?: number;
  pollIntervalMs?: number;
  log?: { error: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void };
  /** The clock delays of outbox jobs are computed against (tests pass TestClock.now). */
  now?: () => Date;
  /** Test hook: runs after jobs are added and before rows (events or jobs) are marked published. */
  afterPublish?: (ids: string[]) => Promise<void> | void;
}

interface OutboxRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: unknown;
  occurred_at: Date;
  trace_context: Record<string, string> | null;
}

/**
 * Publishes committed outbox rows to BullMQ: each event as one job per
 * consumer with jobId = event id, and each outbox job (enqueueJob) under its
 * own deterministic id, delayed until its stored due time. A crash between
 * publish and marking re-publishes on the next pass; BullMQ drops the
 * duplicate job id and consumers dedupe by event id, so nothing is lost and
 * nothing is handled twice. SKIP LOCKED lets several relays run side by side.
 */
export class OutboxRelay {
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private confirmedAt = 0;
  private lastPassAt = 0;

  private readonly now: () => Date;

  constructor(private readonly opts: RelayOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  private readonly jobQueue = (name: string): Queue => this.queueNamed(name, {});

  private queue(consumer: string): Queue {
    return this.queueNamed(eventQueueName(consumer), {
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      // Kept a week so a late re-publish of the same id is still recognised.
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: false,
    });
  }

  private queueNamed(name: string, defaultJobOptions: JobsOptions): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.opts.connection,
        prefix: this.opts.prefix,
        defaultJobOptions,
      });
      // Connection errors also fail the pass that needed Redis, which logs them.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Publishes one batch of events and one of jobs in one transaction (one
   * connection per pass: the relay shares the pool); returns how many rows it published.
   */
  async publishBatch(): Promise<number> {
    const { prisma, batchSize = 100 } = this.opts;
    return prisma.$transaction(async (tx) => {
      const now = this.now();
      const eventIds = await this.publishEventRows(tx, batchSize);
      const jobIds = await publishJobRows(tx, this.jobQueue, now, batchSize);
      if (eventIds.length + jobIds.length === 0) return 0;
      await this.opts.afterPublish?.([...eventIds, ...jobIds]);
      if (eventIds.length > 0) {
        await tx.$executeRaw`
          UPDATE platform.outbox_events SET published_at = now(), attempts = attempts + 1
          WHERE id = ANY(${eventIds}::uuid[])`;
      }
      if (jobIds.length > 0) await markJobsPublished(tx, jobIds, now);
      return eventIds.length + jobIds.length;
    });
  }

  /** Promotes delayed jobs that are due by the relay's clock; returns how many it settled. */
  async settleDue(): Promise<number> {
    const { prisma, batchSize = 100 } = this.opts;
    return prisma.$transaction((tx) => settleDueJobs(tx, this.jobQueue, this.now(), batchSize));
  }

  private async publishEventRows(tx: TransactionClient, batchSize: number): Promise<string[]> {
    const rows = await tx.$queryRaw<OutboxRow[]>`
      SELECT id, type, aggregate_type, aggregate_id, payload, occurred_at, trace_context
      FROM platform.outbox_events
      WHERE published_at IS NULL
      ORDER BY occurred_at, id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED`;
    for (const row of rows) {
      const envelope: EventEnvelope = {
        id: row.id,
        type: row.type as EventType,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        payload: row.payload as EventEnvelope['payload'],
        occurredAt: row.occurred_at.toISOString(),
      };
      const consumers = EVENT_ROUTES[envelope.type] ?? [];
      // A producer span in the writer's trace; each job carries it on to its consumer.
      await inSpan(
        'relay',
        `publish ${envelope.type}`,
        { carrier: row.trace_context ?? {}, kind: SpanKind.PRODUCER, attributes: { 'mm.event_id': row.id } },
        async () => {
          const trace = traceCarrier();
          const job = trace.traceparent ? { ...envelope, trace } : envelope;
          for (const consumer of consumers) {
            await this.queue(consumer).add(envelope.type, job, { jobId: envelope.id });
          }
        },
      );
    }
    return rows.map((r) => r.id);
  }

  /** Drains the outbox until empty (used by tests and at shutdown). */
  async drain({ settle = true } = {}): Promise<number> {
    let total = 0;
    const { connection, prefix, prisma } = this.opts;
    if (await carrierLostData(connection, prefix)) {
      const redriven = await redriveFromPostgres(prisma).catch(async (err) => {
        await forgetCarrierMark(connection, prefix);
        throw err;
      });
      if (redriven.events + redriven.jobs > 0) {
        this.opts.log?.info?.(redriven, 'redis lost its data; re-driving from postgres');
      }
    }
    for (let n = await this.publishBatch(); n > 0; n = await this.publishBatch()) total += n;
    if (settle) for (let n = await this.settleDue(); n > 0; n = await this.settleDue());
    if (Date.now() - this.confirmedAt > 2000) {
      this.confirmedAt = Date.now();
      await prisma.$transaction((tx) => confirmJobs(tx, this.jobQueue, this.now(), 200));
    }
    return total;
  }

  start(): void {
    const interval = this.opts.pollIntervalMs ?? 250;
    // Promotion is a second transaction: once a second is enough, whatever the poll interval.
    let lastSettle = 0;
    const tick = async () => {
      if (this.stopped) return;
      const settle = Date.now() - lastSettle >= 1000;
      if (settle) lastSettle = Date.now();
      this.running = this.drain({ settle }).then(
        (n) => {
          this.lastPassAt = Date.now();
          return n;
        },
        (err) => {
          this.opts.log?.error({ err }, 'outbox relay pass failed; retrying');
          return 0;
        },
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, interval);
    };
    void tick();
  }

  /** For readiness: a pass completed within `withinMs` (a relay stuck on Postgres or Redis is not ready). */
  isHealthy(withinMs = 30_000): boolean {
    return !this.stopped && this.lastPassAt > 0 && Date.now() - this.lastPassAt < withinMs;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
