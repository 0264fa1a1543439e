import { isAbsolute, resolve } from 'node:path';
import type { Config } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { createRedis } from '@mm/queue';
import type { Redis } from 'ioredis';
import {
  type BackgroundCheckProvider,
  ManualBackgroundCheckProvider,
} from './modules/applications/background-check.provider.ts';
import { type DocumentStorage, LocalDiskStorage } from './modules/documents/document.storage.ts';

/** Everything a screening module needs; built once per process and shared by app and workers. */
export interface ScreeningContext {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  now: () => Date;
  storage: DocumentStorage;
  backgroundChecks: BackgroundCheckProvider;
}

export interface ScreeningDeps {
  config: Config;
  prisma?: PrismaClient;
  redis?: Redis;
  now?: () => Date;
  storage?: DocumentStorage;
  backgroundChecks?: BackgroundCheckProvider;
}

const repoRoot = resolve(import.meta.dirname, '../../..');

/** DOCUMENT_STORAGE_DIR, with relative paths taken from the repository root. */
export const documentStorageDir = (config: Config) =>
  isAbsolute(config.DOCUMENT_STORAGE_DIR)
    ? config.DOCUMENT_STORAGE_DIR
    : resolve(repoRoot, config.DOCUMENT_STORAGE_DIR);

export function createScreeningContext(
  deps: ScreeningDeps,
): ScreeningContext & { owned: { prisma: boolean; redis: boolean } } {
  const { config } = deps;
  return {
    config,
    prisma:
      deps.prisma ??
      createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
    redis: deps.redis ?? createRedis({ redisUrl: config.REDIS_URL }),
    now: deps.now ?? (() => new Date()),
    storage: deps.storage ?? new LocalDiskStorage(documentStorageDir(config)),
    backgroundChecks: deps.backgroundChecks ?? new ManualBackgroundCheckProvider(),
    owned: { prisma: !deps.prisma, redis: !deps.redis },
  };
}
