import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { IResolvers } from 'mercurius';
import { registerHealthRoutes } from './health.ts';
import { assertEventRoutes, type ModuleDefinition } from './module.ts';
import { mergeResolvers } from './schema-files.ts';
import {
  createSubgraphServer,
  installHealthDataAudit,
  registerSubgraphGraphQL,
  type SubgraphOptions,
} from './subgraph.ts';

export interface ServiceAppOptions extends Omit<SubgraphOptions, 'typeDefs' | 'resolvers' | 'loaders'> {
  /** The service's modules, in dependency order. */
  modules: readonly ModuleDefinition[];
}

/** The fastify plugin of one module: `<service>.<module>`, after the modules it depends on. */
export function modulePlugin(service: string, module: ModuleDefinition) {
  return fp(
    async (app: FastifyInstance) => {
      if (module.resolvers) app.graphql.defineResolvers(module.resolvers as IResolvers);
      if (module.loaders) app.graphql.defineLoaders(module.loaders);
      await module.routes?.(app);
    },
    {
      name: `${service}.${module.name}`,
      dependencies: (module.dependencies ?? []).map((d) => `${service}.${d}`),
      fastify: '5.x',
    },
  );
}

/**
 * A service's subgraph, derived from its module list: the federation schema
 * is every module's SDL; each module is a named fastify plugin that declares
 * its dependencies and defines its resolvers, loaders and routes. Boot fails
 * when the modules and the event routes disagree, when a resolver or loader
 * is defined twice, or when a module is registered before one it depends on.
 */
export async function buildServiceApp(opts: ServiceAppOptions): Promise<FastifyInstance> {
  const { modules } = opts;
  assertEventRoutes(opts.name, modules);
  mergeResolvers(...modules.map((m) => m.resolvers ?? {}));
  mergeResolvers(...modules.map((m) => (m.loaders ?? {}) as Record<string, Record<string, unknown>>));
  const app = createSubgraphServer(opts);
  await registerSubgraphGraphQL(app, {
    ...opts,
    typeDefs: modules.map((m) => m.schema ?? '').join('\n'),
    resolvers: {},
  });
  for (const module of modules) await app.register(modulePlugin(opts.name, module));
  await app.after();
  installHealthDataAudit(app, opts);
  registerHealthRoutes(app, opts.readiness ?? {});
  if (opts.onClose) app.addHook('onClose', opts.onClose);
  return app;
}
