import { resolve } from 'node:path';
import { buildSubgraph, loadSchemaFiles, mergeResolvers } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import type { IResolvers } from 'mercurius';
import { createScreeningContext, type ScreeningDeps } from './context.ts';
import { registerDocumentRoutes } from './modules/documents/document.routes.ts';
import { registerSignedLinkRoute } from './modules/documents/signed-link.ts';
import { buildScreeningModules } from './modules/index.ts';

export type { ScreeningDeps } from './context.ts';

export async function buildScreeningApp(deps: ScreeningDeps): Promise<FastifyInstance> {
  const ctx = createScreeningContext(deps);
  const modules = buildScreeningModules(ctx);
  const app = await buildSubgraph({
    name: 'screening',
    typeDefs: loadSchemaFiles(resolve(import.meta.dirname, 'modules')),
    resolvers: mergeResolvers(...modules.resolvers) as IResolvers,
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
    logLevel: ctx.config.LOG_LEVEL,
    maxInFlight: ctx.config.MAX_IN_FLIGHT,
    readiness: ctx.readiness,
    onClose: async () => {
      await ctx.close();
    },
  });
  await registerDocumentRoutes(app, {
    documents: modules.documents,
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
  });
  await registerSignedLinkRoute(app, {
    documents: modules.documents,
    secret: ctx.config.GATEWAY_SHARED_SECRET,
    now: ctx.now,
  });
  return app;
}
