import type { Config } from '@mm/config';
import { type Closable, startServiceWorkers } from '@mm/graphql-kit';
import { createBookingContext } from '../context.ts';
import { buildBookingModules } from '../modules/index.ts';

/**
 * Starts every booking worker, derived from the module list: the event
 * consumer, the booking-dispatch queue (dispatch steps, check-out watches) and
 * the dispatch sweep. Each processor reads the injected clock, so an early job
 * only reschedules. close() waits for running jobs.
 */
export async function startBookingWorkers({
  config,
  now,
}: {
  config: Config;
  now?: () => Date;
}): Promise<Closable> {
  const ctx = createBookingContext({ config, ...(now ? { now } : {}) });
  const modules = buildBookingModules(ctx);
  const workers = await startServiceWorkers({
    service: 'booking',
    modules: modules.list,
    prisma: ctx.prisma,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logLevel: config.LOG_LEVEL,
  });
  return {
    ready: workers.ready,
    close: async () => {
      await workers.close();
      await modules.close();
      await ctx.close();
    },
  };
}
