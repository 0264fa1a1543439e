import type { Config } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { type Closable, createLogger, startServiceWorkers } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import { buildIdentityModules, buildIdentityServices } from '../modules/index.ts';
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
  const workers = await startServiceWorkers({
    service: 'identity',
    modules: buildIdentityModules({ config, prisma }),
    prisma,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logLevel: config.LOG_LEVEL,
  });
  const log = createLogger('identity-workers', config.LOG_LEVEL);
  const dispatcher = new NotificationDispatcher({
    prisma,
    transport: notificationTransport(config, log),
    log,
  });
  dispatcher.start();
  // Re-sends recent revocations from Postgres, so the gateways' list survives a Redis that lost its data.
  const redis = createRedis({ redisUrl: config.REDIS_URL, name: 'identity-revocations' });
  const { accounts } = buildIdentityServices({ config, prisma, redis });
  const sweep = setInterval(() => {
    accounts.republishRecentRevocations().catch((err) => log.error({ err }, 'revocation sweep failed'));
  }, 15_000);
  sweep.unref();
  return {
    ready: workers.ready,
    close: async () => {
      clearInterval(sweep);
      await dispatcher.stop();
      await workers.close();
      await prisma.$disconnect();
      redis.disconnect();
    },
  };
}
