import type { Config } from '@mm/config';
import { type Closable, startServiceWorkers } from '@mm/graphql-kit';
import { createScreeningContext } from '../context.ts';
import { buildScreeningModules } from '../modules/index.ts';

/**
 * Starts every screening worker, derived from the module list: the event
 * consumer (`user.registered`) and the daily expiry watch (a BullMQ job
 * scheduler, upserted on every start so replicas share one schedule).
 * close() waits for running jobs.
 */
export async function startScreeningWorkers({
  config,
  now,
}: {
  config: Config;
  now?: () => Date;
}): Promise<Closable> {
  const ctx = createScreeningContext({ config, ...(now ? { now } : {}) });
  const workers = await startServiceWorkers({
    service: 'screening',
    modules: buildScreeningModules(ctx),
    prisma: ctx.prisma,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logLevel: config.LOG_LEVEL,
  });
  return {
    ready: workers.ready,
    close: async () => {
      await workers.close();
      await ctx.close();
    },
  };
}
