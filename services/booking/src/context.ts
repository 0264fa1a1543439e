import type { Config } from '@mm/config';
import { createFieldCipher, type FieldCipher } from '@mm/crypto';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { createRedis } from '@mm/queue';
import type { Redis } from 'ioredis';

/** Everything a booking module needs; built once per process and shared by app and workers. */
export interface BookingContext {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  cipher: FieldCipher;
  now: () => Date;
}

export interface BookingDeps {
  config: Config;
  prisma?: PrismaClient;
  redis?: Redis;
  now?: () => Date;
}

export function createBookingContext(
  deps: BookingDeps,
): BookingContext & { owned: { prisma: boolean; redis: boolean } } {
  const { config } = deps;
  return {
    config,
    prisma:
      deps.prisma ??
      createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
    redis: deps.redis ?? createRedis({ redisUrl: config.REDIS_URL }),
    cipher: createFieldCipher(config.HEALTH_DATA_KEYS),
    now: deps.now ?? (() => new Date()),
    owned: { prisma: !deps.prisma, redis: !deps.redis },
  };
}
