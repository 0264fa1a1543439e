import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { openServiceResources, type ServiceResources } from '@mm/queue';
import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import { createStripeClient, webhookSecret } from './modules/shared/stripe.ts';

/** Everything a payments module needs; built once per process and shared by app and workers. */
export interface PaymentsContext {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  stripe: Stripe;
  webhookSecret: string;
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
  return {
    ...resources,
    config,
    stripe: deps.stripe ?? createStripeClient(config),
    webhookSecret: webhookSecret(config),
    now: deps.now ?? (() => new Date()),
    close: () => resources.close(),
  };
}
