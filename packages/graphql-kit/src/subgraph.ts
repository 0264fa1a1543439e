import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import { loggerOptions } from '@mm/telemetry';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { IResolvers, MercuriusLoaders } from 'mercurius';
import { GATEWAY_ASSERTION_HEADER, type Viewer, verifyGatewayAssertion } from './auth.ts';
import { subgraphSdl } from './compose.ts';
import { formatExecutionErrors, httpErrorHandler } from './error-formatter.ts';
import type { DomainError } from './errors.ts';
import { type ReadinessCheck, registerHealthRoutes } from './health.ts';
import { auditHealthDataReads, type HealthDataAuditWriter } from './health-audit.ts';
import { registerLoadShedding } from './load-shedding.ts';
import { instrumentService } from './metrics.ts';
import { requestIdFrom, returnRequestId } from './request-id.ts';
import { DateTimeScalar } from './scalars.ts';
import { traceRequests } from './tracing.ts';

export interface GraphQLContext {
  viewer: Viewer | null;
  requestId: string;
  log: FastifyBaseLogger;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
  interface FastifyInstance {
    /** `Type.field` coordinates whose reads are audited as health data. */
    auditedHealthFields: Set<string>;
  }
}

export interface SubgraphOptions {
  name: string;
  typeDefs: string;
  resolvers: IResolvers;
  loaders?: MercuriusLoaders;
  gatewaySecret: string;
  logLevel?: string;
  bodyLimit?: number;
  readiness?: Record<string, ReadinessCheck>;
  /** GraphQL requests worked on at once; more are refused with OVERLOADED (see load-shedding). */
  maxInFlight?: number;
  /** Writes the audit rows of health-data reads (see auditHealthDataReads); required where health data is served. */
  healthDataAudit?: HealthDataAuditWriter;
  /** Closed with the app, after in-flight requests finish. */
  onClose?: () => Promise<void>;
  /**
   * GraphQL subscriptions over WebSocket, for the gateway only. `emitter` is
   * shared by every replica (e.g. mqemitter-redis). The gateway proves itself
   * in `connection_init` and sends each subscriber's identity as a signed
   * assertion with each operation (see `subscriptionOptions`).
   */
  subscription?: { emitter: unknown };
}

/**
 * Identity for subscriptions: the upgrade request carries no headers we can
 * trust, so every `connection_init` payload (the gateway's own, and the
 * per-operation one the gateway sends for each subscriber) must carry a valid
 * gateway assertion; its viewer becomes the operation's `ctx.viewer`.
 */
export function subscriptionOptions(emitter: unknown, gatewaySecret: string) {
  return {
    emitter,
    onConnect: async ({ payload }: { payload?: Record<string, unknown> | null }) => {
      const token = payload?.[GATEWAY_ASSERTION_HEADER];
      const viewer = await verifyGatewayAssertion(
        typeof token === 'string' ? token : undefined,
        gatewaySecret,
      );
      return { viewer };
    },
    context: (_socket: unknown, request: { id: unknown; log: FastifyBaseLogger }) => ({
      viewer: null,
      requestId: String(request.id),
      log: request.log,
    }),
  };
}

/** The Fastify server of a subgraph: request ids, error shape, and identity only from the gateway. */
export function createSubgraphServer(
  opts: Pick<
    SubgraphOptions,
    'name' | 'logLevel' | 'bodyLimit' | 'gatewaySecret' | 'subscription' | 'maxInFlight'
  >,
): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(opts.name, opts.logLevel),
    bodyLimit: opts.bodyLimit ?? 1_000_000,
    genReqId: requestIdFrom,
  });
  returnRequestId(app);
  instrumentService(app, opts.name);
  traceRequests(app, opts.name);
  app.setErrorHandler(httpErrorHandler);
  app.decorateRequest('viewer', null);
  registerLoadShedding(app, opts.maxInFlight ?? 50);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/graphql')) return;
    // WebSocket upgrades authenticate in connection_init instead (subscriptionOptions).
    if (opts.subscription && request.headers.upgrade?.toLowerCase() === 'websocket') return;
    try {
      const header = request.headers[GATEWAY_ASSERTION_HEADER];
      request.viewer = await verifyGatewayAssertion(
        typeof header === 'string' ? header : undefined,
        opts.gatewaySecret,
      );
    } catch (err) {
      const e = err as DomainError;
      return reply
        .code(401)
        .send({ data: null, errors: [{ message: e.message, extensions: { code: e.code } }] });
    }
  });
  return app;
}

/** Registers the federation v1 GraphQL endpoint with the one error formatter. */
export async function registerSubgraphGraphQL(
  app: FastifyInstance,
  opts: Pick<SubgraphOptions, 'typeDefs' | 'resolvers' | 'loaders' | 'gatewaySecret' | 'subscription'>,
): Promise<void> {
  await app.register(mercuriusFederationPlugin, {
    schema: subgraphSdl(opts.typeDefs),
    resolvers: { DateTime: DateTimeScalar, ...opts.resolvers } as IResolvers,
    ...(opts.loaders ? { loaders: opts.loaders } : {}),
    graphiql: false,
    ...(opts.subscription
      ? { subscription: subscriptionOptions(opts.subscription.emitter, opts.gatewaySecret) as never }
      : {}),
    context: (request): GraphQLContext => ({
      viewer: request.viewer,
      requestId: String(request.id),
      log: request.log,
    }),
    errorFormatter: (execution, context) =>
      formatExecutionErrors(
        execution,
        (context as unknown as { reply: { log: FastifyBaseLogger } }).reply.log,
      ),
  });
}

/**
 * Every field that returns health data is audited here, whichever module serves it.
 * Call it once every resolver and loader is defined: it wraps them as they are.
 * A subgraph that serves health data without an audit writer refuses to start.
 */
export function installHealthDataAudit(
  app: FastifyInstance,
  opts: Pick<SubgraphOptions, 'name' | 'healthDataAudit'>,
): void {
  const auditedFields = auditHealthDataReads(
    app.graphql.schema,
    opts.healthDataAudit ??
      (async () => {
        throw new Error(`${opts.name} serves health data but has no healthDataAudit writer`);
      }),
  );
  if (auditedFields.size > 0 && !opts.healthDataAudit)
    throw new Error(`${opts.name} serves health data (${[...auditedFields][0]}…); pass healthDataAudit`);
  app.decorate('auditedHealthFields', auditedFields);
}

/** Builds a federation v1 subgraph that trusts identity only from the gateway. */
export async function buildSubgraph(opts: SubgraphOptions): Promise<FastifyInstance> {
  const app = createSubgraphServer(opts);
  await registerSubgraphGraphQL(app, opts);
  installHealthDataAudit(app, opts);
  registerHealthRoutes(app, opts.readiness ?? {});
  if (opts.onClose) app.addHook('onClose', opts.onClose);
  return app;
}
