// The outbox relay as its own process (`npm run relay`). Run one or more:
// rows are claimed with SKIP LOCKED, so replicas never publish twice.
// METRICS_PORT serves /metrics (queues, outbox, business gauges) and /health.
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { createLogger, startMetricsServer, startTracing } from '@mm/telemetry';
import { createRedis } from './connection.ts';
import { installCrashGuards } from './crash-guards.ts';
import { registerPlatformMetrics } from './metrics.ts';
import { assertDependencies } from './preflight.ts';
import { OutboxRelay } from './relay.ts';

const config = loadConfig();
await assertDependencies('relay', config);
const tracing = startTracing('relay');
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
const connection = createRedis({ redisUrl: config.REDIS_URL, name: 'relay' });
const log = createLogger('relay', config.LOG_LEVEL);
installCrashGuards(log);
const relay = new OutboxRelay({ prisma, connection, prefix: config.QUEUE_PREFIX, log });
relay.start();
registerPlatformMetrics({ prisma, connection, prefix: config.QUEUE_PREFIX });
const metrics = await startMetricsServer({
  host: config.HOST,
  port: config.METRICS_PORT,
  ready: async () => relay.isHealthy(),
});
log.info({ metricsPort: config.METRICS_PORT }, 'outbox relay running');

const stop = async () => {
  metrics.close();
  await relay.stop();
  await tracing?.shutdown();
  await prisma.$disconnect();
  connection.disconnect();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
