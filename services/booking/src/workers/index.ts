import type { Config } from '@mm/config';
import type { Closable } from '@mm/graphql-kit';
import { createEventConsumer, createRedis } from '@mm/queue';
import { type Job, Worker } from 'bullmq';
import { createBookingContext } from '../context.ts';
import { BOOKING_JOBS_QUEUE } from '../modules/dispatch/dispatch.queue.ts';
import { buildBookingModules } from '../modules/index.ts';

/** Starts every booking worker; close() waits for running jobs. */
export async function startBookingWorkers({
  config,
  now,
}: {
  config: Config;
  now?: () => Date;
}): Promise<Closable> {
  const ctx = createBookingContext({ config, ...(now ? { now } : {}) });
  const modules = buildBookingModules(ctx);
  const connection = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
  const consumer = createEventConsumer({
    consumer: 'booking',
    prisma: ctx.prisma,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: modules.eventHandlers,
  });
  // Dispatch steps and check-out watches. Each processor reads the injected
  // clock, so an early job only reschedules; NOT_READY (the hold event's
  // transaction has not committed yet) fails the attempt and BullMQ retries.
  const jobsConnection = createRedis({ redisUrl: config.REDIS_URL, forWorker: true });
  const jobs = new Worker(
    BOOKING_JOBS_QUEUE,
    async (job: Job<{ bookingId: string }>) => {
      if (job.name === 'dispatch-step') {
        const result = await modules.dispatch.dispatcher.step(job.data.bookingId);
        if (result.kind === 'NOT_READY') throw new Error('booking is not searching yet; retrying');
        return result.kind;
      }
      if (job.name === 'checkout-watch') return modules.dispatch.checkout.check(job.data.bookingId);
      return 'ignored';
    },
    { connection: jobsConnection, prefix: config.QUEUE_PREFIX, concurrency: 5 },
  );
  return {
    close: async () => {
      await jobs.close();
      jobsConnection.disconnect();
      await modules.close();
      await consumer.close();
      await ctx.close();
      connection.disconnect();
    },
  };
}
