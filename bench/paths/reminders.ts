/**
 * Care reminder delivery: 10k reminders due at once, delivered by the real reminder worker (batched
 * lock/read/write, exactly once), against a no-op BullMQ worker draining 10k jobs on the same Redis at
 * the same concurrency, interleaved in every round. Lag is how long after it fell due a reminder was sent.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createRedis } from '@mm/queue';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  REMINDER_CONCURRENCY,
  startReminderWorker,
} from '../../services/care/src/modules/reminders/reminders.jobs.ts';
import { REMINDER_QUEUE } from '../../services/care/src/modules/reminders/reminders.scheduler.ts';
import type { BenchPath, Figure } from '../framework.ts';
import { BENCH_NOW, benchClock, benchConfig, latencies, throwawayDatabase } from '../support.ts';

const DUE = 10_000;
const PLANS = 500;
const ITEM = 'suboccipital-release';
const DEADLINE_MS = 120_000;
/** Rows per seeding insert: 12 columns each, under Postgres's 32767 bind parameters. */
const SEED_CHUNK = 2_000;

type Db = Awaited<ReturnType<typeof throwawayDatabase>>;
let db: Db | undefined;
let redis: Redis | undefined;
let prefix = '';
const clock = benchClock();
const planIds: { id: string; clientId: string }[] = [];

async function drained(queue: Queue, t0: number): Promise<void> {
  while ((await queue.getJobCountByTypes('wait', 'active', 'prioritized', 'delayed')) > 0) {
    if (performance.now() - t0 > DEADLINE_MS) throw new Error(`${queue.name} not drained in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The no-op worker: the same queue machinery, no work. Lag = finished − the moment the worker starts. */
async function noop(connection: Redis, round: number) {
  const name = `bench-noop-${round}`;
  const queue = new Queue(name, { connection, prefix });
  const workerRedis = createRedis({ redisUrl: connectionUrl(), forWorker: true });
  const worker = new Worker(name, async () => undefined, {
    connection: workerRedis,
    prefix,
    concurrency: REMINDER_CONCURRENCY,
    autorun: false,
  });
  await queue.addBulk(Array.from({ length: DUE }, (_, i) => ({ name: 'noop', data: { i } })));
  const t0 = performance.now();
  const dueAt = Date.now(); // BullMQ stamps finishedOn with the wall clock: lag is measured on it too
  void worker.run();
  await drained(queue, t0);
  const seconds = (performance.now() - t0) / 1000;
  const jobs = await queue.getJobs(['completed'], 0, DUE);
  const lag = latencies(jobs.map((j) => (j.finishedOn ?? 0) - dueAt));
  await worker.close();
  workerRedis.disconnect();
  await queue.obliterate({ force: true });
  await queue.close();
  return { perSecond: DUE / seconds, lagP99: lag.p99 };
}

function connectionUrl(): string {
  return benchConfig('postgresql://unused').REDIS_URL;
}

/** 10k SCHEDULED reminders falling due now (by the bench clock), with their delivery jobs. */
async function seedDue(d: Db, round: number, connection: Redis) {
  const fireAt = clock();
  const rows = Array.from({ length: DUE }, (_, i) => {
    const plan = planIds[i % PLANS] as { id: string; clientId: string };
    const at = new Date(fireAt.getTime() - Math.floor(i / PLANS)); // unique per plan and item
    return {
      id: randomUUID(),
      planId: plan.id,
      clientId: plan.clientId,
      itemId: ITEM,
      fireAt: at,
      jobId: `bench-${round}-${i}`,
      localDate: at.toISOString().slice(0, 10),
      localTime: '09:00',
      timeZone: 'America/New_York',
      adjustments: [],
      enqueuedAt: at,
      createdAt: at,
    };
  });
  // Prisma splits a createMany past its bind limit into statements it sends at once on one connection
  // (pg's "client.query() when already executing" warning); a chunk each keeps to one statement.
  for (let i = 0; i < rows.length; i += SEED_CHUNK)
    await d.prisma.reminder.createMany({ data: rows.slice(i, i + SEED_CHUNK) });
  const queue = new Queue(REMINDER_QUEUE, { connection, prefix });
  await queue.addBulk(
    rows.map((r) => ({
      name: 'reminder',
      data: { reminderId: r.id },
      opts: { jobId: r.jobId, attempts: 10 },
    })),
  );
  return { queue };
}

async function reminders(d: Db, connection: Redis, round: number) {
  const { queue } = await seedDue(d, round, connection);
  // All due from the moment the worker starts (seeding 10k rows and jobs is not the worker's lag).
  const dueAt = clock().getTime();
  const workerRedis = createRedis({ redisUrl: connectionUrl(), forWorker: true });
  const worker = startReminderWorker({
    prisma: d.prisma,
    connection: workerRedis,
    prefix,
    now: clock,
  });
  const t0 = performance.now();
  await drained(queue, t0);
  const seconds = (performance.now() - t0) / 1000;
  await worker.close();
  workerRedis.disconnect();
  const sent = await d.prisma.reminder.findMany({
    where: { jobId: { startsWith: `bench-${round}-` }, status: 'SENT' },
    select: { sentAt: true },
  });
  const notifications = await d.prisma.notification.count({
    where: { dedupeKey: { startsWith: `bench-${round}-` } },
  });
  if (sent.length !== DUE || notifications !== DUE)
    throw new Error(
      `round ${round}: ${sent.length} sent, ${notifications} notifications, expected ${DUE} each`,
    );
  const lag = latencies(sent.map((r) => (r.sentAt as Date).getTime() - dueAt));
  await queue.obliterate({ force: true });
  await queue.close();
  return { perSecond: DUE / seconds, lagP99: lag.p99 };
}

const path: BenchPath = {
  name: 'reminders',
  description: `${DUE} care reminders due at once vs a no-op BullMQ worker on the same Redis`,
  async setup() {
    db = await throwawayDatabase('reminders');
    prefix = `bench${randomUUID().slice(0, 6)}`;
    redis = createRedis({ redisUrl: connectionUrl() });
    for (let i = 0; i < PLANS; i++) planIds.push({ id: randomUUID(), clientId: randomUUID() });
    await db.prisma.homeworkPlan.createMany({
      data: planIds.map((p) => ({
        id: p.id,
        bookingId: randomUUID(),
        clientId: p.clientId,
        therapistId: randomUUID(),
        painCap: 5,
        items: [{ itemId: ITEM, times: ['09:00'] }],
        catalogueVersion: 1,
        scheduledThrough: new Date(BENCH_NOW.getTime() + 3 * 86_400_000),
        createdAt: BENCH_NOW,
        updatedAt: BENCH_NOW,
      })),
    });
  },
  async round(index): Promise<Figure[]> {
    if (!db || !redis) throw new Error('setup did not run');
    const reference = await noop(redis, index);
    const subject = await reminders(db, redis, index);
    return [
      {
        metric: 'delivery throughput',
        unit: '/s',
        subject: subject.perSecond,
        reference: reference.perSecond,
        referenceLabel: 'no-op BullMQ worker',
        better: 'higher',
        target: 0.5,
      },
      {
        metric: 'lag p99, 10k due at once',
        unit: 'ms',
        subject: subject.lagP99,
        reference: null,
        better: 'lower',
        target: 2000,
      },
      {
        metric: 'lag p99 vs no-op',
        unit: 'ms',
        subject: subject.lagP99,
        reference: reference.lagP99,
        referenceLabel: 'no-op BullMQ worker',
        better: 'lower',
      },
    ];
  },
  async teardown() {
    redis?.disconnect();
    await db?.drop();
  },
};
export default path;
