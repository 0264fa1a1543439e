import type { Config } from '@mm/config';
import { type Closable, startServiceWorkers } from '@mm/graphql-kit';
import type Stripe from 'stripe';
import { createPaymentsContext } from '../context.ts';
import { buildPaymentsModules } from '../modules/index.ts';
import { opsQueueName } from '../modules/shared/ops.ts';

/**
 * Starts every payments worker, derived from the module list: the booking-event
 * consumer, the Stripe work queue (holds, captures, releases, transfers,
 * refunds, webhook events) and the schedules (deferred holds every minute,
 * payouts and reconciliation daily).
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
  const workers = await startServiceWorkers({
    service: 'payments',
    modules: buildPaymentsModules(ctx),
    prisma: ctx.prisma,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logLevel: config.LOG_LEVEL,
    concurrency: { [opsQueueName]: 4 },
  });
  return {
    ready: workers.ready,
    close: async () => {
      await workers.close();
      await ctx.close();
    },
  };
}
