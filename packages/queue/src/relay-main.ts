// The outbox relay as its own process (`npm run relay`). Run one or more:
// rows are claimed with SKIP LOCKED, so replicas never publish twice.
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { pino } from 'pino';
import { createRedis } from './connection.ts';
import { installCrashGuards } from './crash-guards.ts';
import { OutboxRelay } from './relay.ts';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
const connection = createRedis({ redisUrl: config.REDIS_URL, name: 'relay' });
// Plain pino, like createLogger in @mm/graphql-kit (which depends on this package, not the reverse).
const log = pino({ name: 'relay', level: config.LOG_LEVEL });
installCrashGuards(log);
const relay = new OutboxRelay({ prisma, connection, prefix: config.QUEUE_PREFIX, log });
relay.start();
log.info('outbox relay running');

const stop = async () => {
  await relay.stop();
  await prisma.$disconnect();
  connection.disconnect();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
