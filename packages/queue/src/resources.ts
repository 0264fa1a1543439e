import type { Config } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import type { Redis } from 'ioredis';
import { createRedis } from './connection.ts';

export interface ResourceDeps {
  config: Config;
  /** Injected clients (tests share one) are the caller's to close. */
  prisma?: PrismaClient;
  redis?: Redis;
}

export interface ServiceResources {
  prisma: PrismaClient;
  redis: Redis;
  /** What /health/ready checks. */
  readiness: { postgres: () => Promise<unknown>; redis: () => Promise<unknown> };
  /** Closes only what this call opened. */
  close(): Promise<void>;
}

/** The Postgres and Redis clients every service process holds, opened once. */
export function openServiceResources(deps: ResourceDeps): ServiceResources {
  const { config } = deps;
  const prisma =
    deps.prisma ??
    createPrismaClient({
      databaseUrl: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      connectionTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
    });
  const redis = deps.redis ?? createRedis({ redisUrl: config.REDIS_URL });
  return {
    prisma,
    redis,
    readiness: { postgres: () => prisma.$queryRaw`SELECT 1`, redis: () => redis.ping() },
    async close() {
      if (!deps.prisma) await prisma.$disconnect();
      if (!deps.redis) redis.disconnect();
    },
  };
}
