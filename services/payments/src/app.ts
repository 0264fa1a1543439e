import { resolve } from 'node:path';
import { buildSubgraph, loadSchemaFiles, mergeResolvers } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import type { IResolvers } from 'mercurius';
import { createPaymentsContext, type PaymentsDeps } from './context.ts';
import { buildPaymentsModules } from './modules/index.ts';
import { registerWebhookRoutes } from './modules/webhooks/webhooks.routes.ts';

export type { PaymentsDeps } from './context.ts';

/** The payments subgraph plus the Stripe webhook route (POST /webhooks/stripe). */
export async function buildPaymentsApp(deps: PaymentsDeps): Promise<FastifyInstance> {
  const ctx = createPaymentsContext(deps);
  const modules = buildPaymentsModules(ctx);
  const app = await buildSubgraph({
    name: 'payments',
    typeDefs: loadSchemaFiles(resolve(import.meta.dirname, 'modules')),
    resolvers: mergeResolvers(
      ...(modules.resolvers as Record<string, Record<string, unknown>>[]),
    ) as IResolvers,
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
    logLevel: ctx.config.LOG_LEVEL,
    maxInFlight: ctx.config.MAX_IN_FLIGHT,
    readiness: ctx.readiness,
    onClose: () => ctx.close(),
  });
  await registerWebhookRoutes(app, ctx);
  return app;
}
