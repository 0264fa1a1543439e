import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';
import { databaseUrl, withAdmin } from './databases.ts';

// Every test file gets its own database, cloned from the migrated template
// (fast, and isolated), and its own Redis key prefix.
const template = inject('templateDatabase');
const suffix = randomBytes(4).toString('hex');
const name = template.replace(/_template$/, `_${suffix}`);

await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.DATABASE_URL = databaseUrl(name);
process.env.DATABASE_POOL_SIZE = '5';
// Races of 50 requests share five connections on a busy CI machine: they queue rather than shed.
process.env.DATABASE_POOL_TIMEOUT_MS ??= '20000';
process.env.QUEUE_PREFIX = `t${suffix}`;

afterAll(async () => {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  const stream = redis.scanStream({ match: `t${suffix}:*`, count: 500 });
  for await (const keys of stream) if ((keys as string[]).length) await redis.del(...(keys as string[]));
  await redis.quit();
});
