// Redis is a carrier, not the truth: against a Redis of our own, flushed and
// killed on purpose, nothing pending is lost and the clients come back alone.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@mm/config';
import { createPrismaClient, unavailableDependency } from '@mm/db';
import { createRedis, emitEvent, enqueueJob, eventQueueName, OutboxRelay } from '@mm/queue';
import { eventually, TestClock } from '@mm/testing';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpareRedis } from './spare-redis.ts';

const spare = new SpareRedis(6391);
const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 3 });
const clock = new TestClock('2026-11-23T15:00:00.000Z');
let redis: ReturnType<typeof createRedis>;
let relay: OutboxRelay;
let payments: Queue;
let timers: Queue;

beforeAll(() => {
  spare.kill();
  spare.start();
  redis = createRedis({ redisUrl: spare.url, name: 'test' });
  relay = new OutboxRelay({ prisma, connection: redis, prefix: config.QUEUE_PREFIX, now: clock.now });
  payments = new Queue(eventQueueName('payments'), { connection: redis, prefix: config.QUEUE_PREFIX });
  timers = new Queue('redrive-timers', { connection: redis, prefix: config.QUEUE_PREFIX });
  for (const q of [payments, timers]) q.on('error', () => undefined); // the outage is the point
});
afterAll(async () => {
  await relay?.stop();
  await Promise.all([payments?.close(), timers?.close()]);
  redis?.disconnect();
  await prisma.$disconnect();
  spare.kill();
});

async function requestBooking(bookingId: string, dueAt: Date) {
  await prisma.$transaction(async (tx) => {
    await emitEvent(tx, {
      type: 'booking.requested',
      aggregateType: 'Booking',
      aggregateId: bookingId,
      payload: { bookingId } as never,
    });
    await enqueueJob(tx, {
      queue: 'redrive-timers',
      name: 'deadline',
      data: { bookingId },
      jobId: `deadline-${bookingId}`,
      delayUntil: dueAt,
    });
  });
}

describe('Redis loses everything', () => {
  it('re-drives unconsumed events and not-yet-due jobs from Postgres, keeping the due time', async () => {
    const bookingId = randomUUID();
    const dueAt = new Date(clock.now().getTime() + 30 * 60_000);
    await requestBooking(bookingId, dueAt);
    await relay.drain();
    const event = await prisma.outboxEvent.findFirstOrThrow({ where: { aggregateId: bookingId } });
    expect(await payments.getJob(event.id)).toBeDefined();

    spare.flushAll();
    expect(await payments.getJob(event.id)).toBeUndefined();
    expect(await timers.getJob(`deadline-${bookingId}`)).toBeUndefined();

    clock.advance(10 * 60_000);
    await relay.drain();
    const again = await payments.getJob(event.id);
    expect(again?.data.payload).toEqual({ bookingId });
    const timer = await timers.getJob(`deadline-${bookingId}`);
    expect(await timer?.getState()).toBe('delayed');
    // 20 minutes were left of the 30 when it was published again.
    expect(timer?.opts.delay).toBe(20 * 60_000);
  });

  it('does not publish again what a consumer already processed', async () => {
    const bookingId = randomUUID();
    await requestBooking(bookingId, new Date(clock.now().getTime() + 60_000));
    await relay.drain();
    const event = await prisma.outboxEvent.findFirstOrThrow({ where: { aggregateId: bookingId } });
    await prisma.processedEvent.create({ data: { consumer: 'payments', eventId: event.id } });
    spare.flushAll();
    await relay.drain();
    expect(await payments.getJob(event.id)).toBeUndefined();
  });
});

describe('Redis goes away and comes back', () => {
  it('fails fast as a dependency outage while it is down, and the same clients work when it returns', async () => {
    const bookingId = randomUUID();
    spare.kill();
    await requestBooking(bookingId, new Date(clock.now().getTime() + 60_000));
    const failure = await relay.drain().then(
      () => null,
      (err: unknown) => err,
    );
    expect(unavailableDependency(failure)).toBe('redis');
    const ping = await redis.ping().then(
      () => null,
      (err: unknown) => err,
    );
    expect(unavailableDependency(ping)).toBe('redis');

    spare.start();
    const event = await prisma.outboxEvent.findFirstOrThrow({ where: { aggregateId: bookingId } });
    await eventually(async () => {
      await relay.drain().catch(() => 0);
      return (await payments.getJob(event.id)) !== undefined;
    }, 'the event published once Redis is back');
    expect(await redis.ping()).toBe('PONG');
  });
});

describe('a due job Redis lost before it ran', () => {
  it('is added again until BullMQ reports it finished, and not after', async () => {
    const jobId = `now-${randomUUID()}`;
    await prisma.$transaction((tx) =>
      enqueueJob(tx, { queue: 'redrive-timers', name: 'now', data: {}, jobId }),
    );
    await relay.drain();
    expect(await timers.getJob(jobId)).toBeDefined();
    spare.flushAll();
    await eventually(async () => {
      await relay.drain();
      return (await timers.getJob(jobId)) !== undefined;
    }, 'the lost job added again');

    const workerRedis = createRedis({ redisUrl: spare.url, forWorker: true });
    const worker = new Worker('redrive-timers', async () => 'done', {
      connection: workerRedis,
      prefix: config.QUEUE_PREFIX,
    });
    try {
      await eventually(async () => (await timers.getJob(jobId))?.finishedOn, 'the job to run');
    } finally {
      await worker.close();
      workerRedis.disconnect();
    }
    await eventually(async () => {
      await relay.drain();
      return (await prisma.outboxJob.findFirstOrThrow({ where: { jobId } })).completedAt !== null;
    }, 'the row confirmed finished');
    spare.flushAll();
    await relay.drain();
    expect(await timers.getJob(jobId)).toBeUndefined();
  });
});
