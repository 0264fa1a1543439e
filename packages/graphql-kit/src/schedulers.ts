import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Schedule } from './module.ts';

/** How often the job schedulers are checked for while Redis stays connected (a FLUSHALL says nothing). */
export const SCHEDULER_CHECK_MS = 60_000;

export interface SchedulerKeeper {
  /** Writes every scheduler (at boot: a changed interval or pattern takes effect). */
  upsertAll(): Promise<void>;
  /** Creates every scheduler Redis does not hold; returns the names it created. */
  ensure(): Promise<string[]>;
  stop(): void;
}

/**
 * Job schedulers live only in Redis. A Redis that restarted without its data
 * (or was flushed) has none, so they are created again, not only at boot:
 * whenever the connection is ready again (a restart) and every `checkMs`
 * (a flush on a live connection). Only missing ones are written: upserting an
 * existing scheduler could move or repeat its next run.
 */
export function keepSchedulers(opts: {
  schedules: readonly Schedule[];
  queue: (name: string) => Queue;
  connection: Redis;
  checkMs?: number;
  onError?: (err: unknown) => void;
  onCreated?: (names: string[]) => void;
}): SchedulerKeeper {
  let running: Promise<string[]> | null = null;
  const upsert = (s: Schedule) =>
    opts
      .queue(s.queue)
      .upsertJobScheduler(
        s.name,
        s.every ? { every: s.every } : { pattern: s.pattern as string, tz: s.tz ?? 'UTC' },
        { name: s.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
  const create = async (): Promise<string[]> => {
    const created: string[] = [];
    for (const s of opts.schedules) {
      if (await opts.queue(s.queue).getJobScheduler(s.name)) continue;
      await upsert(s);
      created.push(s.name);
    }
    return created;
  };
  // One pass at a time: a reconnect during the periodic check must not create twice.
  const ensure = () => {
    running ??= create().finally(() => {
      running = null;
    });
    return running;
  };
  const quietly = () =>
    void ensure().then(
      (names) => names.length > 0 && opts.onCreated?.(names),
      (err: unknown) => opts.onError?.(err),
    );
  opts.connection.on('ready', quietly);
  const timer = setInterval(quietly, opts.checkMs ?? SCHEDULER_CHECK_MS);
  timer.unref();
  return {
    upsertAll: async () => {
      for (const s of opts.schedules) await upsert(s);
    },
    ensure,
    stop: () => {
      clearInterval(timer);
      opts.connection.off('ready', quietly);
    },
  };
}
