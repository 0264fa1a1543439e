import type { Config } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import type { Closable } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { accountsEventHandlers } from '../modules/accounts/accounts.jobs.ts';

/** Starts every identity worker; close() waits for running jobs. */
export async function startIdentityWorkers({ config }: { config: Config }): Promise<Closable> {
  const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 3 });
  const connection = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
  const consumer = createEventConsumer({
    consumer: 'identity',
    prisma,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: accountsEventHandlers,
  });
  return {
    close: async () => {
      await consumer.close();
      await prisma.$disconnect();
      connection.disconnect();
    },
  };
}
