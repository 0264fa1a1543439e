import type { Config } from '@mm/config';
import type { Closable } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { Queue, Worker } from 'bullmq';
import { createScreeningContext } from '../context.ts';
import { EXPIRY_CRON, EXPIRY_QUEUE, EXPIRY_SCHEDULER_ID } from '../modules/expiry/expiry.jobs.ts';
import { buildScreeningModules } from '../modules/index.ts';

/**
 * Starts every screening worker: the event consumer (`user.registered`) and
 * the daily expiry watch (a BullMQ job scheduler; upserting it again on every
 * start keeps one schedule however many replicas run). close() waits for
 * running jobs.
 */
export async function startScreeningWorkers({
  config,
  now,
}: {
  config: Config;
  now?: () => Date;
}): Promise<Closable> {
  const ctx = createScreeningContext({ config, ...(now ? { now } : {}) });
  const modules = buildScreeningModules(ctx);
  const connection = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
  const consumer = createEventConsumer({
    consumer: 'screening',
    prisma: ctx.prisma,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: modules.eventHandlers,
  });
  const queue = new Queue(EXPIRY_QUEUE, { connection, prefix: config.QUEUE_PREFIX });
  await queue.upsertJobScheduler(
    EXPIRY_SCHEDULER_ID,
    { pattern: EXPIRY_CRON, tz: 'UTC' },
    { name: 'expiry-watch', data: {}, opts: { removeOnComplete: 30, removeOnFail: 100 } },
  );
  const expiry = new Worker(EXPIRY_QUEUE, () => modules.runExpiryWatch(), {
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: 1,
  });
  return {
    close: async () => {
      await expiry.close();
      await consumer.close();
      await queue.close();
      await ctx.close();
      connection.disconnect();
    },
  };
}
