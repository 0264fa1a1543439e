// The outbox relay as its own process (`npm run relay`). Run one or more:
// rows are claimed with SKIP LOCKED, so replicas never publish twice.
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { createLogger } from '@mm/graphql-kit';
import { createRedis } from './connection.ts';
import { assertDependencies } from './preflight.ts';
import { OutboxRelay } from './relay.ts';

const config = loadConfig();
await assertDependencies('relay', config);
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
const connection = createRedis({ redisUrl: config.REDIS_URL });
const log = createLogger('relay', config.LOG_LEVEL);
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
