import { buildServiceApp } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import { createScreeningContext, type ScreeningDeps } from './context.ts';
import { buildScreeningModules } from './modules/index.ts';

export type { ScreeningDeps } from './context.ts';

export async function buildScreeningApp(deps: ScreeningDeps): Promise<FastifyInstance> {
  const ctx = createScreeningContext(deps);
  return buildServiceApp({
    name: 'screening',
    modules: buildScreeningModules(ctx),
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
    logLevel: ctx.config.LOG_LEVEL,
    maxInFlight: ctx.config.MAX_IN_FLIGHT,
    readiness: ctx.readiness,
    onClose: () => ctx.close(),
  });
}
