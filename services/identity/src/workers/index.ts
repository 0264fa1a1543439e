import type { Config } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { type Closable, createLogger, publishRevokedSessions } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { accountsEventHandlers } from '../modules/accounts/accounts.jobs.ts';
import { AccountsRepository } from '../modules/accounts/accounts.repository.ts';
import { AccountsService } from '../modules/accounts/accounts.service.ts';
import { NotificationDispatcher } from '../modules/notifications/notifications.jobs.ts';
import {
  LogTransport,
  type NotificationTransport,
  SmtpTransport,
} from '../modules/notifications/notifications.transports.ts';

export function notificationTransport(
  config: Config,
  log: { info: (obj: object, msg: string) => void },
): NotificationTransport {
  return config.SMTP_URL ? new SmtpTransport(config.SMTP_URL, config.NOTIFY_FROM) : new LogTransport(log);
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
  const log = createLogger('identity-workers', config.LOG_LEVEL);
  const dispatcher = new NotificationDispatcher({
    prisma,
    transport: notificationTransport(config, log),
    log,
  });
  dispatcher.start();
  // Re-sends recent revocations from Postgres, so the gateways' list survives a Redis that lost its data.
  const accounts = new AccountsService(prisma, new AccountsRepository(prisma), config, undefined, (ids) =>
    publishRevokedSessions(connection, config.QUEUE_PREFIX, ids, config.ACCESS_TOKEN_TTL_SECONDS),
  );
  const sweep = setInterval(() => {
    accounts.republishRecentRevocations().catch((err) => log.error({ err }, 'revocation sweep failed'));
  }, 15_000);
  sweep.unref();
  return {
    close: async () => {
      clearInterval(sweep);
      await dispatcher.stop();
      await consumer.close();
      await prisma.$disconnect();
      connection.disconnect();
    },
  };
}
