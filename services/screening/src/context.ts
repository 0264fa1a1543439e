import { isAbsolute, resolve } from 'node:path';
import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { openServiceResources, type ServiceResources } from '@mm/queue';
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
): ScreeningContext & Pick<ServiceResources, 'readiness' | 'close'> {
  const { config } = deps;
  return {
    ...openServiceResources(deps),
    config,
    now: deps.now ?? (() => new Date()),
    storage: deps.storage ?? new LocalDiskStorage(documentStorageDir(config)),
    backgroundChecks: deps.backgroundChecks ?? new ManualBackgroundCheckProvider(),
  };
}
