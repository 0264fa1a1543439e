import { buildServiceApp } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import { createPaymentsContext, type PaymentsDeps } from './context.ts';
import { buildPaymentsModules } from './modules/index.ts';

export type { PaymentsDeps } from './context.ts';

/** The payments subgraph plus the Stripe webhook route (POST /webhooks/stripe, in the webhooks module). */
export async function buildPaymentsApp(deps: PaymentsDeps): Promise<FastifyInstance> {
  const ctx = createPaymentsContext(deps);
  return buildServiceApp({
    name: 'payments',
    modules: buildPaymentsModules(ctx),
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
    logLevel: ctx.config.LOG_LEVEL,
    maxInFlight: ctx.config.MAX_IN_FLIGHT,
    readiness: ctx.readiness,
    onClose: () => ctx.close(),
  });
}
