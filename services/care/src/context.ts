import type { Config } from '@mm/config';
import { createFieldCipher, type FieldCipher } from '@mm/crypto';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { createRedis } from '@mm/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REMINDER_QUEUE } from './modules/reminders/reminders.scheduler.ts';

/** Everything a care module needs; built once per process and shared by app and workers. */
export interface CareContext {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  cipher: FieldCipher;
  now: () => Date;
  /** Producer side of the reminder queue (delayed jobs, deterministic ids). */
  reminderQueue: Queue;
}

export interface CareDeps {
  config: Config;
  prisma?: PrismaClient;
  redis?: Redis;
  now?: () => Date;
}

export function createCareContext(deps: CareDeps): CareContext & { close(): Promise<void> } {
  const { config } = deps;
  const prisma =
    deps.prisma ??
    createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const redis = deps.redis ?? createRedis({ redisUrl: config.REDIS_URL });
  const reminderQueue = new Queue(REMINDER_QUEUE, { connection: redis, prefix: config.QUEUE_PREFIX });
  return {
    config,
    prisma,
    redis,
    cipher: createFieldCipher(config.HEALTH_DATA_KEYS),
    now: deps.now ?? (() => new Date()),
    reminderQueue,
    async close() {
      await reminderQueue.close();
      if (!deps.prisma) await prisma.$disconnect();
      if (!deps.redis) redis.disconnect();
    },
  };
}
