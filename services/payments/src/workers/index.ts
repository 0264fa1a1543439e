import type { Config } from '@mm/config';
import { type Closable, createLogger } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { Worker } from 'bullmq';
import type Stripe from 'stripe';
import { createPaymentsContext } from '../context.ts';
import { RetryLater } from '../modules/charges/charges.service.ts';
import { buildPaymentsModules } from '../modules/index.ts';
import { type OpsJob, opsQueueName } from '../modules/shared/ops.ts';

/**
 * Starts every payments worker: the booking-event consumer, the Stripe work
 * queue (holds, captures, releases, transfers, refunds, webhook events) and
 * the schedulers (deferred holds every minute, payouts and reconciliation daily).
 */
export async function startPaymentsWorkers({
  config,
  now,
  stripe,
}: {
  config: Config;
  now?: () => Date;
  stripe?: Stripe;
}): Promise<Closable> {
  const ctx = createPaymentsContext({ config, ...(now ? { now } : {}), ...(stripe ? { stripe } : {}) });
  const modules = buildPaymentsModules(ctx);
  const connection = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
  const consumer = createEventConsumer({
    consumer: 'payments',
    prisma: ctx.prisma,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: modules.eventHandlers,
  });
  const ops = new Worker<OpsJob>(
    opsQueueName,
    // A failure (Stripe 5xx, RetryLater while a hold is still being placed) is retried with the
    // queue's backoff; every Stripe call repeats its idempotency key, so nothing happens twice.
    (job) => modules.processOps(job),
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 4 },
  );
  const log = createLogger('payments-workers', config.LOG_LEVEL);
  ops.on('failed', (job, err) => {
    // RetryLater is the expected wait for a transaction still committing: not worth a log line.
    if (err instanceof RetryLater) return;
    const retry = (job?.attemptsMade ?? 0) < (job?.opts.attempts ?? 1) ? 'will retry' : 'gave up';
    log.warn(
      { job: job?.id, attempts: job?.attemptsMade, err: err.message },
      `payments job failed (${retry})`,
    );
  });
  await ctx.ops.upsertJobScheduler(
    'due-holds',
    { every: 60_000 },
    { name: 'due-holds', data: { kind: 'due-holds' } },
  );
  await ctx.ops.upsertJobScheduler(
    'payouts',
    { pattern: '0 6 * * *' },
    { name: 'payouts', data: { kind: 'payouts' } },
  );
  await ctx.ops.upsertJobScheduler(
    'reconcile',
    { pattern: '30 5 * * *' },
    { name: 'reconcile', data: { kind: 'reconcile' } },
  );
  return {
    close: async () => {
      await consumer.close();
      await ops.close();
      await ctx.close();
      connection.disconnect();
    },
  };
}
