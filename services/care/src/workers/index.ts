import type { Config } from '@mm/config';
import { type Closable, startServiceWorkers } from '@mm/graphql-kit';
import { createCareContext } from '../context.ts';
import { buildCareModules } from '../modules/index.ts';
import { REMINDER_CONCURRENCY } from '../modules/reminders/reminders.jobs.ts';
import { REMINDER_QUEUE } from '../modules/reminders/reminders.scheduler.ts';

export { MAINTENANCE_QUEUE } from '../modules/index.ts';

/** Starts every care worker, derived from the module list: the event consumer, reminder delivery and the sweeps. */
export async function startCareWorkers({
  config,
  now,
}: {
  config: Config;
  now?: () => Date;
}): Promise<Closable> {
  const ctx = createCareContext({ config, ...(now ? { now } : {}) });
  const workers = await startServiceWorkers({
    service: 'care',
    modules: buildCareModules(ctx),
    prisma: ctx.prisma,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logLevel: config.LOG_LEVEL,
    concurrency: { [REMINDER_QUEUE]: REMINDER_CONCURRENCY },
  });
  return {
    ready: workers.ready,
    close: async () => {
      await workers.close();
      await ctx.close();
    },
  };
}
