import { Redis } from 'ioredis';

export interface RedisOptions {
  redisUrl: string;
  /** BullMQ workers block on Redis and must retry forever instead of failing commands. */
  forWorker?: boolean;
}

export function createRedis({ redisUrl, forWorker = false }: RedisOptions): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: forWorker ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}
