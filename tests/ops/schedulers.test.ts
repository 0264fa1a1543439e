// Job schedulers live only in Redis. Against a Redis of our own (port 6396,
// never the machine's), restarted without its data or flushed while
// connected, a service's workers create their schedulers again by themselves
// and the scheduled work runs again; existing ones are left as they are.
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { type Closable, keepSchedulers, type ModuleDefinition, startServiceWorkers } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import { eventually } from '@mm/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpareRedis } from '../../packages/queue/test/spare-redis.ts';

const spare = new SpareRedis(6396);
const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
const prefix = 'schedulers-test';
const runs = { sweep: 0, nightly: 0 };

/** A module with one interval and one cron schedule, as the services declare them. */
const modules = [
  {
    name: 'upkeep',
    errors: [],
    schedules: [
      { name: 'sweep', queue: 'upkeep', every: 300, run: async () => runs.sweep++ },
      { name: 'nightly', queue: 'upkeep', pattern: '0 3 * * *', tz: 'America/New_York', run: async () => 0 },
    ],
  },
] as unknown as ModuleDefinition[];

let redis: ReturnType<typeof createRedis>;
let queue: Queue;
const started: Closable[] = [];
const start = async (schedulerCheckMs: number) => {
  const workers = await startServiceWorkers({
    service: 'upkeep',
    modules,
    prisma,
    redisUrl: spare.url,
    prefix,
    logLevel: 'silent',
    schedulerCheckMs,
  });
  started.push(workers);
  return workers;
};
const schedulerNames = async () => (await queue.getJobSchedulers()).map((s) => s.key).sort();

beforeAll(() => {
  spare.kill();
  spare.start();
  redis = createRedis({ redisUrl: spare.url, name: 'test' });
  queue = new Queue('upkeep', { connection: redis, prefix });
  queue.on('error', () => undefined); // the outage is the point
});
afterAll(async () => {
  for (const w of started) await w.close().catch(() => undefined);
  await queue?.close();
  redis?.disconnect();
  await prisma.$disconnect();
  spare.kill();
});

describe('job schedulers after Redis lost its data', () => {
  it('are created again when the connection is back after a restart without data, and run again', async () => {
    // Checked for only once an hour: coming back here is the reconnect's doing.
    const workers = await start(3_600_000);
    expect(await schedulerNames()).toEqual(['nightly', 'sweep']);
    await eventually(async () => runs.sweep > 0, 'the interval schedule to run');

    // Nothing is persisted: the restarted Redis is empty (checking that here would race the reconnect).
    spare.kill();
    spare.start();
    await eventually(async () => (await schedulerNames()).length === 2, 'the schedulers created again');
    expect(await schedulerNames()).toEqual(['nightly', 'sweep']);
    const before = runs.sweep;
    await eventually(async () => runs.sweep > before, 'the interval schedule to run after the restart');
    const nightly = await queue.getJobScheduler('nightly');
    expect(nightly?.pattern).toBe('0 3 * * *');
    expect(nightly?.tz).toBe('America/New_York');
    await workers.close();
    started.pop();
  });

  it('are created again after a FLUSHALL on a live connection (the periodic check)', async () => {
    const workers = await start(200);
    spare.flushAll();
    await eventually(async () => (await schedulerNames()).length === 2, 'the schedulers created again');
    expect(await schedulerNames()).toEqual(['nightly', 'sweep']);
    await workers.close();
    started.pop();
  });

  it('leave a scheduler Redis still holds as it is (its next run does not move)', async () => {
    const workers = await start(3_600_000);
    const next = (await queue.getJobScheduler('nightly'))?.next;
    expect(next).toBeGreaterThan(0);
    // A periodic check finding every scheduler in place creates nothing.
    const keeper = keepSchedulers({
      schedules: modules[0]?.schedules ?? [],
      queue: () => queue,
      connection: redis,
      checkMs: 3_600_000,
    });
    expect(await keeper.ensure()).toEqual([]);
    keeper.stop();
    expect((await queue.getJobScheduler('nightly'))?.next).toBe(next);
    await workers.close();
    started.pop();
  });
});
