import { recordHealthDataReads } from '@mm/db';
import { buildServiceApp } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import { type CareDeps, createCareContext } from './context.ts';
import { buildCareModules } from './modules/index.ts';

export type { CareDeps } from './context.ts';

export async function buildCareApp(deps: CareDeps): Promise<FastifyInstance> {
  const ctx = createCareContext(deps);
  return buildServiceApp({
    name: 'care',
    modules: buildCareModules(ctx),
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
    logLevel: ctx.config.LOG_LEVEL,
    maxInFlight: ctx.config.MAX_IN_FLIGHT,
    healthDataAudit: (reads) => recordHealthDataReads(ctx.prisma, reads),
    readiness: ctx.readiness,
    onClose: () => ctx.close(),
  });
}
