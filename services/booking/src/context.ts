import type { Config } from '@mm/config';
import { createFieldCipher, type FieldCipher } from '@mm/crypto';
import type { PrismaClient } from '@mm/db';
import { createLogger } from '@mm/graphql-kit';
import { openServiceResources, type ServiceResources } from '@mm/queue';
import type { Redis } from 'ioredis';

/** Everything a booking module needs; built once per process and shared by app and workers. */
export interface BookingContext {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  cipher: FieldCipher;
  now: () => Date;
  log: ReturnType<typeof createLogger>;
}

export interface BookingDeps {
  config: Config;
  prisma?: PrismaClient;
  redis?: Redis;
  now?: () => Date;
}

export function createBookingContext(
  deps: BookingDeps,
): BookingContext & Pick<ServiceResources, 'readiness' | 'close'> {
  return {
    ...openServiceResources(deps),
    config: deps.config,
    cipher: createFieldCipher(deps.config.HEALTH_DATA_KEYS),
    now: deps.now ?? (() => new Date()),
    log: createLogger('booking', deps.config.LOG_LEVEL),
  };
}
