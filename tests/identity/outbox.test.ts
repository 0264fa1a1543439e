import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { accountsEventHandlers } from '@mm/identity/src/modules/accounts/accounts.jobs.ts';
import { createEventConsumer, createRedis, type EventEnvelope, eventQueueName, OutboxRelay } from '@mm/queue';
import { Queue, type Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 3 });
const redis = createRedis({ redisUrl: config.REDIS_URL });
const workerRedis = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
const queue = new Queue(eventQueueName('identity'), { connection: redis, prefix: config.QUEUE_PREFIX });
let consumer: Worker | null = null;

afterAll(async () => {
  await consumer?.close();
  await queue.close();
  await prisma.$disconnect();
  redis.disconnect();
  workerRedis.disconnect();
});

/** Runs a fixture in a real child process that kills itself with SIGKILL. */
function runAndDie(fixture: string, env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'fixtures', fixture)],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(result.signal, result.stderr).toBe('SIGKILL');
}

const userId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
const welcomeCount = async (id: string) =>
  prisma.notification.count({ where: { userId: id, template: 'welcome-client' } });

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startConsumer(): Promise<void> {
  consumer ??= createEventConsumer({
    consumer: 'identity',
    prisma,
    connection: workerRedis,
    prefix: config.QUEUE_PREFIX,
    handlers: accountsEventHandlers,
  });
}

describe('transactional outbox', () => {
  let email: string;
  beforeAll(() => {
    email = `crash-${randomUUID()}@example.test`;
  });

  it('keeps an event committed with its change when the process dies before publishing', async () => {
    runAndDie('register-then-die.ts', { EMAIL: email });
    const id = await userId(email);
    const pending = await prisma.outboxEvent.findMany({ where: { aggregateId: id } });
    expect(pending).toHaveLength(1);
    expect(pending[0]?.type).toBe('user.registered');
    expect(pending[0]?.publishedAt).toBeNull();
  });

  it('re-publishes after the relay dies between publishing and marking, without a second job', async () => {
    runAndDie('relay-then-die.ts');
    const id = await userId(email);
    const [event] = await prisma.outboxEvent.findMany({ where: { aggregateId: id } });
    expect(event?.publishedAt).toBeNull(); // the mark never committed
    expect(await queue.getJob(event!.id)).toBeDefined(); // but the job was published

    const relay = new OutboxRelay({ prisma, connection: redis, prefix: config.QUEUE_PREFIX });
    expect(await relay.drain()).toBe(1);
    await relay.stop();
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'delayed', 'failed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
    expect(
      (await prisma.outboxEvent.findUniqueOrThrow({ where: { id: event!.id } })).publishedAt,
    ).not.toBeNull();
  });

  it('handles the event exactly once, even when it is delivered again', async () => {
    const id = await userId(email);
    await startConsumer();
    await waitFor(async () => (await welcomeCount(id)) === 1, 'the welcome notification');

    // A redelivery under a new job id (e.g. after the first job was cleaned up) changes nothing.
    const [event] = await prisma.outboxEvent.findMany({ where: { aggregateId: id } });
    const original = await queue.getJob(event!.id);
    const replay = await queue.add('user.registered', original!.data as EventEnvelope, {
      jobId: `replay-${event!.id}`,
    });
    await waitFor(async () => (await replay.getState()) === 'completed', 'the replayed job');
    expect((await queue.getJob(replay.id!))?.returnvalue).toBe('duplicate');
    expect(await welcomeCount(id)).toBe(1);
    expect(await prisma.processedEvent.count({ where: { eventId: event!.id } })).toBe(1);
  });
});
