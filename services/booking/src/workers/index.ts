import type { Config } from '@mm/config';
import type { Closable } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { createBookingContext } from '../context.ts';
import { buildBookingModules } from '../modules/index.ts';

/** Starts every booking worker; close() waits for running jobs. */
export async function startBookingWorkers({
  config,
  now,
}: {
  config: Config;
  now?: () => Date;
}): Promise<Closable> {
  const ctx = createBookingContext({ config, ...(now ? { now } : {}) });
  const modules = buildBookingModules(ctx);
  const connection = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
  const consumer = createEventConsumer({
    consumer: 'booking',
    prisma: ctx.prisma,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: modules.eventHandlers,
  });
  return {
    close: async () => {
      await consumer.close();
      await ctx.prisma.$disconnect();
      ctx.redis.disconnect();
      connection.disconnect();
    },
  };
}
