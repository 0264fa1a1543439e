import { resolve } from 'node:path';
import { recordHealthDataReads } from '@mm/db';
import { buildSubgraph, loadSchemaFiles, mergeResolvers } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import type { IResolvers } from 'mercurius';
import { type CareDeps, createCareContext } from './context.ts';
import { buildCareModules } from './modules/index.ts';

export type { CareDeps } from './context.ts';

export async function buildCareApp(deps: CareDeps): Promise<FastifyInstance> {
  const ctx = createCareContext(deps);
  const modules = buildCareModules(ctx);
  return buildSubgraph({
    name: 'care',
    typeDefs: loadSchemaFiles(resolve(import.meta.dirname, 'modules')),
    resolvers: mergeResolvers(...modules.resolvers) as IResolvers,
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
    logLevel: ctx.config.LOG_LEVEL,
    healthDataAudit: (reads) => recordHealthDataReads(ctx.prisma, reads),
    readiness: ctx.readiness,
    onClose: () => ctx.close(),
  });
}
