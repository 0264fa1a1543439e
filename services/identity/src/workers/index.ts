import type { Config } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import type { Closable } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { accountsEventHandlers } from '../modules/accounts/accounts.jobs.ts';
import { NotificationDispatcher } from '../modules/notifications/notifications.jobs.ts';
import {
  LogTransport,
  type NotificationTransport,
  SmtpTransport,
} from '../modules/notifications/notifications.transports.ts';

const workerLog = {
  info: (obj: object, msg: string) =>
    console.log(JSON.stringify({ level: 'info', service: 'identity-workers', msg, ...obj })),
  error: (obj: object, msg: string) =>
    console.error(JSON.stringify({ level: 'error', service: 'identity-workers', msg, ...obj })),
};

export function notificationTransport(config: Config): NotificationTransport {
  return config.SMTP_URL
    ? new SmtpTransport(config.SMTP_URL, config.NOTIFY_FROM)
    : new LogTransport(workerLog);
}

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
  const dispatcher = new NotificationDispatcher({
    prisma,
    transport: notificationTransport(config),
    log: workerLog,
  });
  dispatcher.start();
  return {
    close: async () => {
      await dispatcher.stop();
      await consumer.close();
      await prisma.$disconnect();
      connection.disconnect();
    },
  };
}
