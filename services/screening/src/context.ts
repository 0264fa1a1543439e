import { isAbsolute, resolve } from 'node:path';
import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { openServiceResources, type ServiceResources } from '@mm/queue';
import type { Redis } from 'ioredis';
import {
  type BackgroundCheckProvider,
  ManualBackgroundCheckProvider,
} from './modules/applications/background-check.provider.ts';
import { type DocumentStorage, LocalDiskStorage, S3Storage } from './modules/documents/document.storage.ts';

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

/** DOCUMENT_STORAGE picks where bytes go: local disk (default) or an S3-compatible bucket. */
export function documentStorageFor(config: Config): DocumentStorage {
  if (config.DOCUMENT_STORAGE === 's3') {
    return new S3Storage({
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    });
  }
  return new LocalDiskStorage(documentStorageDir(config));
}

export function createScreeningContext(
  deps: ScreeningDeps,
): ScreeningContext & Pick<ServiceResources, 'readiness' | 'close'> {
  const { config } = deps;
  return {
    ...openServiceResources(deps),
    config,
    now: deps.now ?? (() => new Date()),
    storage: deps.storage ?? documentStorageFor(config),
    backgroundChecks: deps.backgroundChecks ?? new ManualBackgroundCheckProvider(),
  };
}
