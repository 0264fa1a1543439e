import { createLogger } from '@mm/telemetry';
import { Redis } from 'ioredis';

export interface RedisOptions {
  redisUrl: string;
  /** BullMQ workers block on Redis and must retry forever instead of failing commands. */
  forWorker?: boolean;
  /** Names the client in the log when Redis goes away and comes back. */
  name?: string;
}

const log = createLogger('redis', process.env.LOG_LEVEL ?? 'info');

/** Reconnect delay: 100 ms doubling to 2 s, forever (ioredis retries while this returns a number). */
export const reconnectDelay = (attempt: number): number => Math.min(100 * 2 ** Math.min(attempt, 5), 2000);

/**
 * Every Redis client of the platform. It never gives up reconnecting and
 * never crashes the process: errors are logged once per outage, not thrown.
 * Request-path clients fail fast while Redis is away (one retry, a 3 s
 * command timeout for a Redis that stopped answering), so callers answer
 * SERVICE_UNAVAILABLE instead of hanging; worker clients wait instead.
 */
export function createRedis({ redisUrl, forWorker = false, name = 'redis' }: RedisOptions): Redis {
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: forWorker ? null : 1,
    ...(forWorker ? {} : { commandTimeout: 3000 }),
    enableReadyCheck: true,
    lazyConnect: false,
    retryStrategy: reconnectDelay,
    // A Redis paused mid-connection must not leave the client waiting forever.
    connectTimeout: 5000,
  });
  watchRedis(redis, name);
  return redis;
}

/** Logs a client's outage once and its return, so an error event never goes unhandled. */
export function watchRedis(redis: Redis, name: string): Redis {
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log.warn({ client: name, err: { message: err.message } }, 'redis unavailable; reconnecting');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info({ client: name }, 'redis reconnected');
  });
  return redis;
}
