import type { Config } from '@mm/config';
import type { Closable } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { Queue, Worker } from 'bullmq';
import { createCareContext } from '../context.ts';
import { buildCareModules } from '../modules/index.ts';
import { promptDueQuestionnaires } from '../modules/outcomes/outcomes.service.ts';
import { startReminderWorker } from '../modules/reminders/reminders.jobs.ts';

/** Queue of care's periodic maintenance; a BullMQ job scheduler runs it once per tick across replicas. */
export const MAINTENANCE_QUEUE = 'care-maintenance';

/** Starts every care worker: the event consumer, reminder delivery and the maintenance sweep. */
export async function startCareWorkers({
  config,
  now,
}: {
  config: Config;
  now?: () => Date;
}): Promise<Closable> {
  const ctx = createCareContext({ config, ...(now ? { now } : {}) });
  const modules = buildCareModules(ctx);
  const connection = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
  const consumer = createEventConsumer({
    consumer: 'care',
    prisma: ctx.prisma,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: modules.eventHandlers,
  });
  const reminders = startReminderWorker({
    prisma: ctx.prisma,
    connection,
    prefix: config.QUEUE_PREFIX,
    now: ctx.now,
  });
  const maintenanceQueue = new Queue(MAINTENANCE_QUEUE, {
    connection: ctx.redis,
    prefix: config.QUEUE_PREFIX,
  });
  await maintenanceQueue.upsertJobScheduler(
    'care-sweep',
    { every: config.CARE_SWEEP_INTERVAL_MS },
    { name: 'sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const maintenance = new Worker(
    MAINTENANCE_QUEUE,
    async () => {
      const sweep = await modules.services.scheduler.sweep();
      const prompted = await promptDueQuestionnaires(ctx);
      return { ...sweep, prompted };
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 1 },
  );
  return {
    close: async () => {
      await maintenance.close();
      await reminders.close();
      await consumer.close();
      await maintenanceQueue.close();
      await ctx.close();
      connection.disconnect();
    },
  };
}
