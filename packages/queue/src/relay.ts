import type { PrismaClient } from '@mm/db';
import { inSpan, traceCarrier } from '@mm/graphql-kit';
import { SpanKind } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENT_ROUTES, type EventEnvelope, type EventType, eventQueueName } from './events.ts';

export interface RelayOptions {
  prisma: PrismaClient;
  connection: Redis;
  prefix: string;
  batchSize?: number;
  pollIntervalMs?: number;
  log?: { error: (obj: object, msg: string) => void };
  /** Test hook: runs after jobs are added and before rows are marked published. */
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
 * Publishes committed outbox rows to BullMQ, one job per consumer with
 * jobId = event id. A crash between publish and marking re-publishes on the
 * next pass; BullMQ drops the duplicate job id and consumers dedupe by event
 * id, so nothing is lost and nothing is handled twice. SKIP LOCKED lets
 * several relays run side by side.
 */
export class OutboxRelay {
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private lastPassAt = 0;

  constructor(private readonly opts: RelayOptions) {}

  private queue(consumer: string): Queue {
    let queue = this.queues.get(consumer);
    if (!queue) {
      queue = new Queue(eventQueueName(consumer), {
        connection: this.opts.connection,
        prefix: this.opts.prefix,
        defaultJobOptions: {
          attempts: 10,
          backoff: { type: 'exponential', delay: 1000 },
          // Kept a week so a late re-publish of the same id is still recognised.
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: false,
        },
      });
      this.queues.set(consumer, queue);
    }
    return queue;
  }

  /** Publishes one batch; returns how many events it published. */
  async publishBatch(): Promise<number> {
    const { prisma, batchSize = 100 } = this.opts;
    return prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id, type, aggregate_type, aggregate_id, payload, occurred_at, trace_context
        FROM platform.outbox_events
        WHERE published_at IS NULL
        ORDER BY occurred_at, id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
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
          {
            carrier: row.trace_context ?? {},
            kind: SpanKind.PRODUCER,
            attributes: { 'mm.event_id': row.id },
          },
          async () => {
            const trace = traceCarrier();
            const job = trace.traceparent ? { ...envelope, trace } : envelope;
            for (const consumer of consumers) {
              await this.queue(consumer).add(envelope.type, job, { jobId: envelope.id });
            }
          },
        );
      }
      const ids = rows.map((r) => r.id);
      await this.opts.afterPublish?.(ids);
      await tx.$executeRaw`
        UPDATE platform.outbox_events SET published_at = now(), attempts = attempts + 1
        WHERE id = ANY(${ids}::uuid[])`;
      return rows.length;
    });
  }

  /** Drains the outbox until empty (used by tests and at shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.publishBatch(); n > 0; n = await this.publishBatch()) total += n;
    return total;
  }

  start(): void {
    const interval = this.opts.pollIntervalMs ?? 250;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain().then(
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
