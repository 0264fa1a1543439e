import type { Config } from '@mm/config';
import { createFieldCipher, type FieldCipher } from '@mm/crypto';
import type { PrismaClient } from '@mm/db';
import { openServiceResources, type ServiceResources } from '@mm/queue';
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

export function createCareContext(
  deps: CareDeps,
): CareContext & Pick<ServiceResources, 'readiness' | 'close'> {
  const { config } = deps;
  const resources = openServiceResources(deps);
  const reminderQueue = new Queue(REMINDER_QUEUE, {
    connection: resources.redis,
    prefix: config.QUEUE_PREFIX,
  });
  return {
    ...resources,
    config,
    cipher: createFieldCipher(config.HEALTH_DATA_KEYS),
    now: deps.now ?? (() => new Date()),
    reminderQueue,
    async close() {
      await reminderQueue.close();
      await resources.close();
    },
  };
}
