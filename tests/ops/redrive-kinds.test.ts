// Redis is a carrier, not the truth, for every kind of pending effect: each
// written by the code its service uses (dispatch batch timers and offer
// expiries, check-out alerts, deferred card authorizations, homework
// reminders, an unconsumed event), all published; then Redis loses every key
// of ours (as a restart without persistence or a FLUSHALL would), and the
// relay drives each one again from Postgres, delayed to the same due time.
import { randomUUID } from 'node:crypto';
import {
  BOOKING_JOBS_QUEUE,
  scheduleCheckoutWatch,
  scheduleDispatchStep,
} from '@mm/booking/src/modules/bookings/booking.jobs.ts';
import { enqueueDelivery, REMINDER_QUEUE } from '@mm/care/src/modules/reminders/reminders.scheduler.ts';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { enqueueOps, opsQueueName } from '@mm/payments/src/modules/shared/ops.ts';
import { createRedis, emitEvent, eventQueueName, OutboxRelay } from '@mm/queue';
import { TestClock } from '@mm/testing';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 3 });
const prefix = `${config.QUEUE_PREFIX}-redrive-kinds`;
const redis = createRedis({ redisUrl: config.REDIS_URL, name: 'test' });
const clock = new TestClock('2026-11-23T15:00:00.000Z');
const relay = new OutboxRelay({ prisma, connection: redis, prefix, now: clock.now });
const queues = new Map<string, Queue>();
const queue = (name: string) => {
  const q = queues.get(name) ?? new Queue(name, { connection: redis, prefix });
  queues.set(name, q);
  return q;
};
afterAll(async () => {
  await relay.stop();
  await Promise.all([...queues.values()].map((q) => q.close()));
  await loseEverything();
  redis.disconnect();
  await prisma.$disconnect();
});

/** Every key under our prefix deleted: what a Redis restart without data does to us (never FLUSHALL on a shared Redis). */
async function loseEverything(): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const MIN = 60_000;
const at = (ms: number) => new Date(clock.now().getTime() + ms);

describe('every kind of pending effect after Redis lost its data', () => {
  it('is published again from Postgres, each delayed to its own due time', async () => {
    const bookingId = randomUUID();
    const reminderId = randomUUID();
    const due = {
      batchTimer: at(2 * MIN),
      offerExpiry: at(15 * MIN),
      checkoutAlert: at(90 * MIN),
      reminder: at(20 * 60 * MIN),
      authorization: at(3 * 24 * 60 * MIN),
    };
    const ids = await prisma.$transaction(async (tx) => ({
      batchTimer: await scheduleDispatchStep(tx, { id: bookingId, dispatchRound: 1 }, due.batchTimer),
      offerExpiry: await scheduleDispatchStep(tx, { id: bookingId, dispatchRound: 2 }, due.offerExpiry),
      checkoutAlert: await scheduleCheckoutWatch(tx, bookingId, due.checkoutAlert),
      reminder: await enqueueDelivery(tx, {
        id: reminderId,
        jobId: `reminder-${reminderId}`,
        fireAt: due.reminder,
      }),
      authorization: await enqueueOps(tx, { kind: 'hold', bookingId }, { delayUntil: due.authorization }),
      event: await emitEvent(tx, {
        type: 'booking.requested',
        aggregateType: 'Booking',
        aggregateId: bookingId,
        payload: { bookingId } as never,
      }),
    }));
    const where = {
      batchTimer: BOOKING_JOBS_QUEUE,
      offerExpiry: BOOKING_JOBS_QUEUE,
      checkoutAlert: BOOKING_JOBS_QUEUE,
      reminder: REMINDER_QUEUE,
      authorization: opsQueueName,
    } as const;
    const kinds = Object.keys(where) as (keyof typeof where)[];
    const delays = async () =>
      Object.fromEntries(
        await Promise.all(
          kinds.map(async (k) => {
            const job = await queue(where[k]).getJob(ids[k]);
            return [k, job ? { state: await job.getState(), delay: job.opts.delay } : null] as const;
          }),
        ),
      );
    const expected = (now: number) =>
      Object.fromEntries(kinds.map((k) => [k, { state: 'delayed', delay: due[k].getTime() - now }]));

    await relay.drain();
    expect(await delays()).toEqual(expected(clock.now().getTime()));
    const consumer = queue(eventQueueName('payments'));
    expect((await consumer.getJob(ids.event))?.data.payload).toEqual({ bookingId });

    await loseEverything();
    expect(Object.values(await delays())).toEqual(kinds.map(() => null));
    expect(await consumer.getJob(ids.event)).toBeUndefined();

    // A minute later the relay notices (its mark is gone too) and drives everything again.
    clock.advance(MIN);
    await relay.drain();
    expect(await delays()).toEqual(expected(clock.now().getTime()));
    expect((await consumer.getJob(ids.event))?.data.payload).toEqual({ bookingId });
    // The rows are still open, so a second loss is survived the same way.
    const open = await prisma.outboxJob.count({
      where: { jobId: { in: kinds.map((k) => ids[k]) }, completedAt: null },
    });
    expect(open).toBe(kinds.length);
  });
});
