import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { createCareContext } from '@mm/care/src/context.ts';
import { buildCareServices, type CareServices } from '@mm/care/src/modules/index.ts';
import { startReminderWorker } from '@mm/care/src/modules/reminders/reminders.jobs.ts';
import { REMINDER_QUEUE } from '@mm/care/src/modules/reminders/reminders.scheduler.ts';
import { sessionsEventHandlers } from '@mm/care/src/modules/sessions/sessions.jobs.ts';
import { createEventConsumer, createRedis, OutboxRelay } from '@mm/queue';
import { Queue, type Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import { completeSession, createPlan, gid } from './helpers.ts';

const clock = new TestClock('2026-05-04T12:00:00.000Z'); // Monday 08:00 in New York
let stack: Stack;
let ctx: ReturnType<typeof createCareContext>;
let services: CareServices;
let relay: OutboxRelay;
let consumer: Worker;
let worker: Worker | null = null;
let queue: Queue;
const workerRedis = createRedis({
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  forWorker: true,
});
let client: TestUser;
let therapist: TestUser;

beforeAll(async () => {
  // No in-process reminder worker: delivery runs only in the processes this test starts and kills.
  stack = await startStack({ subgraphs: ['identity', 'care'], now: clock.now });
  ctx = createCareContext({ config: stack.config, prisma: stack.prisma, redis: stack.redis, now: clock.now });
  services = buildCareServices(ctx);
  relay = new OutboxRelay({
    prisma: stack.prisma,
    connection: stack.redis,
    prefix: stack.config.QUEUE_PREFIX,
    pollIntervalMs: 50,
    now: clock.now,
  });
  relay.start();
  consumer = createEventConsumer({
    consumer: 'care',
    prisma: stack.prisma,
    connection: workerRedis,
    prefix: stack.config.QUEUE_PREFIX,
    handlers: sessionsEventHandlers(services),
  });
  queue = new Queue(REMINDER_QUEUE, { connection: stack.redis, prefix: stack.config.QUEUE_PREFIX });
  [client, therapist] = await Promise.all([signUp(stack, 'CLIENT'), signUp(stack, 'THERAPIST')]);
});
afterAll(async () => {
  await worker?.close();
  await consumer.close();
  await relay.stop();
  await queue.close();
  await ctx.close();
  await stack.close();
  workerRedis.disconnect();
});

function runAndDie(die: 'before-commit' | 'after-commit') {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'fixtures', 'deliver-then-die.ts')],
    {
      env: { ...process.env, DIE: die, FIXTURE_NOW: clock.now().toISOString() },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(result.signal, result.stderr).toBe('SIGKILL');
}

const reminderNotifications = () =>
  stack.prisma.notification.findMany({ where: { template: 'homework-reminder' } });

describe('reminder delivery survives a worker killed mid-job', () => {
  it('delivers each due reminder exactly once after restart: none lost, none doubled', async () => {
    const bookingId = await completeSession(stack, {
      client,
      therapist,
      startsAt: new Date('2026-05-04T11:00:00.000Z'),
    });
    const plan = await createPlan(stack, therapist, {
      bookingId: gid('Booking', bookingId),
      items: [{ itemId: 'chin-tucks', times: ['09:00', '12:00', '15:00'] }],
    });
    expect(plan.upcomingReminders.filter((r) => r.localDate === '2026-05-04')).toHaveLength(3);

    // Monday's three reminders come due; the relay promotes their delayed jobs by its clock.
    clock.set('2026-05-04T19:30:00.000Z');
    const due = await stack.prisma.reminder.findMany({
      where: { fireAt: { lte: clock.now() } },
      orderBy: { fireAt: 'asc' },
    });
    expect(due).toHaveLength(3);
    await eventually(async () => (await queue.getWaitingCount()) === 3, 'the three due jobs promoted');
    expect(await queue.getDelayedCount()).toBeGreaterThan(0); // the later days' reminders still wait

    // 1. Killed inside the delivery transaction: nothing was committed.
    runAndDie('before-commit');
    expect(await reminderNotifications()).toHaveLength(0);
    expect(await stack.prisma.reminder.count({ where: { status: 'SENT' } })).toBe(0);

    // 2. Killed after committing the next one, before BullMQ heard it was done.
    runAndDie('after-commit');
    expect(await reminderNotifications()).toHaveLength(1);
    expect(await stack.prisma.reminder.count({ where: { status: 'SENT' } })).toBe(1);

    // Restart: the two stalled jobs are reclaimed when their locks lapse, the third runs normally.
    worker = startReminderWorker({
      prisma: stack.prisma,
      connection: workerRedis,
      prefix: stack.config.QUEUE_PREFIX,
      now: clock.now,
      worker: { stalledInterval: 500 },
    });
    await eventually(
      async () => (await queue.getCompletedCount()) === 3,
      'all three reminder jobs to complete',
      { timeoutMs: 45_000 },
    ).catch(async (err) => {
      console.log(await queue.getJobCounts(), await reminderNotifications());
      throw err;
    });
    const sent = await reminderNotifications();
    expect(sent).toHaveLength(3);
    expect(sent.map((n) => n.dedupeKey).sort()).toEqual(due.map((r) => r.jobId).sort());
    expect(new Set(sent.map((n) => n.userId))).toEqual(new Set([due[0]!.clientId]));
    expect(
      await stack.prisma.reminder.count({ where: { id: { in: due.map((r) => r.id) }, status: 'SENT' } }),
    ).toBe(3);
    // The job redone after the post-commit crash found its reminder already sent.
    const outcomes = await Promise.all(due.map(async (r) => (await queue.getJob(r.jobId))?.returnvalue));
    expect(outcomes.sort()).toEqual(['already-sent', 'sent', 'sent']);
  }, 120_000);

  it('a replayed job for a delivered reminder changes nothing', async () => {
    const delivered = await stack.prisma.reminder.findFirstOrThrow({ where: { status: 'SENT' } });
    const replay = await queue.add(
      'reminder',
      { reminderId: delivered.id },
      { jobId: `replay-${delivered.id}` },
    );
    await eventually(async () => (await replay.getState()) === 'completed', 'the replayed job');
    expect((await queue.getJob(replay.id!))?.returnvalue).toBe('already-sent');
    expect(await reminderNotifications()).toHaveLength(3);
  });
});
