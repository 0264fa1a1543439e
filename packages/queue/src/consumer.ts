import type { PrismaClient, TransactionClient } from '@mm/db';
import { inSpan } from '@mm/telemetry';
import { SpanKind } from '@opentelemetry/api';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type EventEnvelope, type EventType, eventQueueName } from './events.ts';
import { WORKER_LIVENESS } from './liveness.ts';
import { observeWorker } from './metrics.ts';

export type EventHandlers = {
  [T in EventType]?: (event: EventEnvelope<T>, tx: TransactionClient) => Promise<void>;
};

export interface ConsumerOptions {
  consumer: string;
  prisma: PrismaClient;
  connection: Redis;
  prefix: string;
  handlers: EventHandlers;
  concurrency?: number;
}

/**
 * Handles each event at most once per consumer: the dedupe row and the
 * handler's writes commit in one transaction, so a redelivered event (relay
 * crash, worker crash, BullMQ retry) finds its row and changes nothing.
 * Side effects outside the database must be idempotent on their own
 * (e.g. Stripe idempotency keys derived from the event id).
 */
export function createEventConsumer(opts: ConsumerOptions): Worker {
  const worker = new Worker(
    eventQueueName(opts.consumer),
    async (job: Job<EventEnvelope>) => {
      const event = job.data;
      const handler = opts.handlers[event.type] as
        | ((e: EventEnvelope, tx: TransactionClient) => Promise<void>)
        | undefined;
      if (!handler) return 'ignored';
      // The handler's span continues the event's trace, and so do the events it emits.
      return inSpan(
        opts.consumer,
        `consume ${event.type}`,
        { carrier: event.trace ?? {}, kind: SpanKind.CONSUMER, attributes: { 'mm.event_id': event.id } },
        () =>
          opts.prisma.$transaction(async (tx) => {
            const inserted = await tx.$executeRaw`
              INSERT INTO platform.processed_events (consumer, event_id) VALUES (${opts.consumer}, ${event.id}::uuid)
              ON CONFLICT DO NOTHING`;
            if (inserted === 0) return 'duplicate';
            await handler(event, tx);
            return 'handled';
          }),
      );
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 5,
      ...WORKER_LIVENESS,
    },
  );
  return observeWorker(worker);
}
