import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { createRedis, enqueueJob, OutboxRelay } from '@mm/queue';
import { eventually, TestClock } from '@mm/testing';
import { type Job, Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 3 });
const redis = createRedis({ redisUrl: config.REDIS_URL });
const workerRedis = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
const QUEUE = 'outbox-test';
const queue = new Queue(QUEUE, { connection: redis, prefix: config.QUEUE_PREFIX });
const clock = new TestClock('2026-11-23T15:00:00.000Z');
const relay = new OutboxRelay({ prisma, connection: redis, prefix: config.QUEUE_PREFIX, now: clock.now });

afterAll(async () => {
  await relay.stop();
  await queue.close();
  await prisma.$disconnect();
  redis.disconnect();
  workerRedis.disconnect();
});

/**
 * Empties the queue between cases. To the relay an emptied queue looks like
 * Redis losing its data, so the rows are marked finished first, or it would
 * faithfully add the jobs again (see confirmJobs).
 */
async function cleanQueue() {
  await prisma.outboxJob.updateMany({ where: { completedAt: null }, data: { completedAt: new Date() } });
  await queue.obliterate({ force: true });
}

const jobsInQueue = async () =>
  Object.values(await queue.getJobCounts('waiting', 'active', 'completed', 'delayed', 'failed')).reduce(
    (a, b) => a + b,
    0,
  );

/** The change the job belongs to: an audit row committed (or not) with the job. */
async function changeWithJob(jobId: string, opts: { fail?: boolean; delayUntil?: Date } = {}) {
  await prisma.$transaction(async (tx) => {
    await tx.auditEntry.create({
      data: { action: 'test.change', entityType: 'Test', entityId: jobId, actorId: null, actorRole: null },
    });
    await enqueueJob(tx, {
      queue: QUEUE,
      name: 'work',
      data: { jobId },
      jobId,
      ...(opts.delayUntil ? { delayUntil: opts.delayUntil } : {}),
    });
    if (opts.fail) throw new Error('rolled back on purpose');
  });
}

describe('job outbox (enqueueJob + relay)', () => {
  it('publishes a committed job once, under its deterministic id, even when enqueued twice', async () => {
    const jobId = `once-${randomUUID()}`;
    await changeWithJob(jobId);
    expect(await queue.getJob(jobId)).toBeUndefined(); // nothing reaches Redis before the relay runs
    expect(await relay.drain()).toBe(1);
    const job = await queue.getJob(jobId);
    expect(job?.data).toEqual({ jobId });
    expect(job?.name).toBe('work');

    await changeWithJob(jobId); // the same job asked for again
    expect(await relay.drain()).toBe(1);
    expect(await relay.drain()).toBe(0);
    expect(await jobsInQueue()).toBe(1);
    await cleanQueue();
  });

  it('publishes nothing when the transaction rolls back', async () => {
    const jobId = `rollback-${randomUUID()}`;
    await expect(changeWithJob(jobId, { fail: true })).rejects.toThrow('rolled back on purpose');
    expect(await relay.drain()).toBe(0);
    expect(await queue.getJob(jobId)).toBeUndefined();
    expect(await prisma.outboxJob.count({ where: { jobId } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { entityId: jobId } })).toBe(0);
  });

  it('keeps the due time: the delay is computed at publish, and a due job is promoted', async () => {
    const jobId = `delayed-${randomUUID()}`;
    await changeWithJob(jobId, { delayUntil: new Date(clock.now().getTime() + 10 * 60_000) });
    clock.advanceMinutes(4); // the relay publishes late: only the rest of the delay is left
    await relay.drain();
    const job = await queue.getJob(jobId);
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBe(6 * 60_000);

    clock.advanceMinutes(5);
    await relay.drain();
    expect(await job?.getState()).toBe('delayed'); // one minute to go
    clock.advanceMinutes(2);
    await relay.drain();
    expect(await queue.getJob(jobId).then((j) => j?.getState())).toBe('waiting');
    const row = await prisma.outboxJob.findFirstOrThrow({ where: { jobId } });
    expect(row.settledAt).not.toBeNull();
    await cleanQueue();
  });

  it('leaves a job that opted out of promotion delayed by what was left at publish', async () => {
    const jobId = `own-clock-${randomUUID()}`;
    await prisma.$transaction((tx) =>
      enqueueJob(tx, {
        queue: QUEUE,
        name: 'work',
        data: { jobId },
        jobId,
        delayUntil: new Date(clock.now().getTime() + 5 * 60_000),
        promoteWhenDue: false,
      }),
    );
    await relay.drain();
    clock.advanceMinutes(10);
    await relay.drain();
    const job = await queue.getJob(jobId);
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBe(5 * 60_000);
    await cleanQueue();
  });

  it('neither loses nor doubles a job when the relay dies between publishing and marking', async () => {
    const jobId = `crash-${randomUUID()}`;
    await changeWithJob(jobId);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'fixtures', 'relay-then-die.ts')],
      { env: process.env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const row = await prisma.outboxJob.findFirstOrThrow({ where: { jobId } });
    expect(row.publishedAt).toBeNull(); // the mark never committed
    expect(await queue.getJob(jobId)).toBeDefined(); // but the job was published

    // Re-published on the next pass, once Postgres has noticed the dead relay and released its lock.
    await eventually(async () => (await relay.drain()) === 1, 'the row to be re-published');
    expect(await jobsInQueue()).toBe(1);
    expect((await prisma.outboxJob.findUniqueOrThrow({ where: { id: row.id } })).publishedAt).not.toBeNull();

    const handled: string[] = [];
    const worker = new Worker(
      QUEUE,
      async (job: Job<{ jobId: string }>) => {
        handled.push(job.data.jobId);
      },
      { connection: workerRedis, prefix: config.QUEUE_PREFIX },
    );
    try {
      await eventually(async () => (await queue.getJob(jobId))?.finishedOn, 'the job to run');
    } finally {
      await worker.close();
    }
    expect(handled).toEqual([jobId]);
  });
});
