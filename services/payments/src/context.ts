import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { openServiceResources, type ServiceResources } from '@mm/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import { type OpsJob, opsQueueName } from './modules/shared/ops.ts';
import { createStripeClient, webhookSecret } from './modules/shared/stripe.ts';

/** Everything a payments module needs; built once per process and shared by app and workers. */
export interface PaymentsContext {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  stripe: Stripe;
  webhookSecret: string;
  /** Work that calls Stripe runs here, outside request and event transactions. */
  ops: Queue<OpsJob>;
  now: () => Date;
}

export interface PaymentsDeps {
  config: Config;
  prisma?: PrismaClient;
  redis?: Redis;
  now?: () => Date;
  stripe?: Stripe;
}

export function createPaymentsContext(
  deps: PaymentsDeps,
): PaymentsContext & Pick<ServiceResources, 'readiness' | 'close'> {
  const { config } = deps;
  const resources = openServiceResources(deps);
  const ops = new Queue<OpsJob>(opsQueueName, {
    connection: resources.redis,
    prefix: config.QUEUE_PREFIX,
    defaultJobOptions: {
      attempts: 12,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: false,
    },
  });
  return {
    ...resources,
    config,
    stripe: deps.stripe ?? createStripeClient(config),
    webhookSecret: webhookSecret(config),
    ops,
    now: deps.now ?? (() => new Date()),
    close: async () => {
      await ops.close();
      await resources.close();
    },
  };
}
