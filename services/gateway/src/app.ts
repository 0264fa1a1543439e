import cors from '@fastify/cors';
import gatewayModule from '@mercuriusjs/gateway';
import type { Config } from '@mm/config';
import {
  cachedGatewayAssertion,
  type DomainError,
  formatExecutionErrors,
  GATEWAY_ASSERTION_HEADER,
  httpErrorHandler,
  instrumentService,
  loggerOptions,
  RevocationList,
  registerHealthRoutes,
  registerLoadShedding,
  requestIdFrom,
  returnRequestId,
  traceCarrier,
  traceRequests,
  type Viewer,
} from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { MercuriusOptions } from 'mercurius';
import { registerAdminConsole } from './modules/admin-console/admin-console.ts';
import { accessTokenAuthenticator, bearerToken } from './modules/auth/authenticate.ts';
import { adaptToMode, type ResponseMode, registerGraphqlHttp } from './modules/edge/graphql-http.ts';
import { queryLimitRules } from './modules/edge/limits.ts';
import { registerRateLimits } from './modules/edge/rate-limit.ts';
import { registerSecurityHeaders } from './modules/edge/security-headers.ts';
import { registerGraphiql } from './modules/graphiql/graphiql.ts';
import { registerQueueDashboard } from './modules/queues/queues.dashboard.ts';
import {
  enforceViewerScopedSubscriptions,
  gatewaySubscriptionOptions,
  subscriptionServiceOptions,
} from './modules/subscriptions/subscriptions.ts';
import { registerUploadsProxy } from './modules/uploads/uploads.proxy.ts';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface GatewayDeps {
  config: Config;
  services: SubgraphEndpoint[];
  redis?: Redis;
}

// The package is CommonJS whose module.exports is the plugin; its typings
// describe an ES default export instead.
type GatewayOptions = MercuriusOptions & { gateway: { services: unknown[] } };
const mercuriusGateway = gatewayModule as unknown as FastifyPluginAsync<GatewayOptions>;

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export function subgraphEndpoints(config: Config): SubgraphEndpoint[] {
  return [
    { name: 'identity', url: config.IDENTITY_URL },
    { name: 'booking', url: config.BOOKING_URL },
    { name: 'care', url: config.CARE_URL },
    { name: 'screening', url: config.SCREENING_URL },
    { name: 'payments', url: config.PAYMENTS_URL },
  ];
}

type Authenticate = ReturnType<typeof accessTokenAuthenticator>;

function createServer(config: Config): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions('gateway', config.LOG_LEVEL),
    bodyLimit: config.GRAPHQL_BODY_LIMIT_BYTES,
    genReqId: requestIdFrom,
    // Only the configured proxies' X-Forwarded-For counts; by default none does.
    trustProxy:
      typeof config.TRUST_PROXY === 'number'
        ? (_address: string, hop: number) => hop < (config.TRUST_PROXY as number)
        : config.TRUST_PROXY,
  });
  returnRequestId(app);
  instrumentService(app, 'gateway');
  traceRequests(app, 'gateway');
  app.setErrorHandler(httpErrorHandler);
  app.decorateRequest('viewer', null);
  registerLoadShedding(app, config.MAX_IN_FLIGHT);
  return app;
}

/** Security headers and CORS: what a browser may load and which origins may call. */
async function registerBrowserPolicy(app: FastifyInstance, config: Config): Promise<void> {
  registerSecurityHeaders(app, {
    // GraphiQL (development only) runs inline scripts; the API itself serves JSON.
    contentSecurityPolicy: config.NODE_ENV === 'development' ? false : undefined,
  });
  await app.register(cors, {
    origin: config.CORS_ORIGINS,
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['content-type', 'authorization', 'accept', 'x-request-id'],
    maxAge: 600,
  });
}

/**
 * The caller's token is verified once, here; a bad token is refused outright
 * rather than served as anonymous. Before the rate limit, which keys by account.
 */
function authenticateRequests(app: FastifyInstance, authenticate: Authenticate): void {
  app.addHook('preValidation', async (request, reply) => {
    if (!request.url.startsWith('/graphql')) return;
    try {
      const token = bearerToken(request.headers.authorization);
      if (token) request.viewer = authenticate(token);
    } catch (err) {
      const e = err as DomainError;
      const code = e.code ?? 'UNAUTHENTICATED';
      return reply.code(code === 'SERVICE_UNAVAILABLE' ? 503 : 401).send({
        data: null,
        errors: [
          {
            message: e.message,
            extensions: { code, ...(code === 'SERVICE_UNAVAILABLE' ? { retryable: true } : {}) },
          },
        ],
      });
    }
  });
}

/** How the gateway calls each subgraph: timeouts, sockets, and the viewer's signed assertion. */
function subgraphServices(deps: GatewayDeps) {
  const secret = deps.config.GATEWAY_SHARED_SECRET;
  return deps.services.map((s) => ({
    ...s,
    mandatory: true,
    // A subgraph that stopped answering fails the request in seconds, not minutes.
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    // As many sockets per subgraph as requests the gateway works on at once (mercurius's default is
    // 10): under load a request otherwise queues for a socket while the subgraph has room to spare.
    connections: deps.config.MAX_IN_FLIGHT,
    initHeaders: () => ({ [GATEWAY_ASSERTION_HEADER]: cachedGatewayAssertion(null, secret) }),
    // One assertion per viewer, reused for half its life (see cachedGatewayAssertion).
    rewriteHeaders: (
      _headers: unknown,
      context: { viewer?: Viewer | null; reqId?: string; assertion?: string } | undefined,
    ) => {
      if (!context) return { [GATEWAY_ASSERTION_HEADER]: cachedGatewayAssertion(null, secret) };
      context.assertion ??= cachedGatewayAssertion(context.viewer ?? null, secret);
      return {
        [GATEWAY_ASSERTION_HEADER]: context.assertion,
        ...(context.reqId ? { 'x-request-id': context.reqId } : {}),
        // The subgraph's span continues the gateway request's trace.
        ...traceCarrier(),
      };
    },
    ...subscriptionServiceOptions(s, secret),
  }));
}

/** The federated GraphQL endpoint, its limits and error shape, with subscriptions scoped per viewer. */
async function registerFederation(app: FastifyInstance, deps: GatewayDeps, authenticate: Authenticate) {
  const { config } = deps;
  await app.register(mercuriusGateway, {
    gateway: { services: subgraphServices(deps) },
    subscription: gatewaySubscriptionOptions(config, authenticate),
    // Our own page instead (modules/graphiql): mercurius's loads its code from a CDN.
    graphiql: false,
    context: (request: { viewer: Viewer | null; id: unknown }) => ({
      viewer: request.viewer,
      reqId: String(request.id),
    }),
    validationRules: queryLimitRules(config),
    allowBatchedQueries: false,
    // The parser stops at this many tokens (a second line behind the lexer check in graphql-http.ts).
    graphql: { parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS } },
    errorFormatter: (execution: Parameters<typeof formatExecutionErrors>[0], context: unknown) => {
      const reply = (
        context as { reply: { log: FastifyBaseLogger; request: { graphqlMode?: ResponseMode } } }
      ).reply;
      return adaptToMode(reply.request.graphqlMode ?? 'default', formatExecutionErrors(execution, reply.log));
    },
  });

  // Subscriptions are per viewer (see modules/subscriptions).
  const scopeSubscriptions = () => enforceViewerScopedSubscriptions(app.graphql.schema);
  scopeSubscriptions();
  app.graphqlGateway.addHook('onGatewayReplaceSchema', async (_instance, schema) => {
    enforceViewerScopedSubscriptions(schema);
  });
}

/** Readiness covers Redis, every subgraph and, when the gateway knows where it is, the outbox relay. */
function registerGatewayHealth(app: FastifyInstance, deps: GatewayDeps, redis: Redis): void {
  const relayUrl = deps.config.RELAY_HEALTH_URL;
  registerHealthRoutes(app, {
    redis: () => redis.ping(),
    subgraphs: async () => {
      const results = await Promise.all(
        deps.services.map(async (s) => {
          const res = await fetch(new URL('/health/ready', s.url));
          if (!res.ok) throw new Error(`${s.name} is not ready`);
        }),
      );
      return results;
    },
    // The relay (its own process, or inside npm start's shared one).
    ...(relayUrl
      ? {
          relay: async () => {
            const res = await fetch(relayUrl);
            if (!res.ok) throw new Error('the outbox relay is not ready');
          },
        }
      : {}),
  });
}

export async function buildGatewayApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const redis = deps.redis ?? createRedis({ redisUrl: config.REDIS_URL });
  const app = createServer(config);
  await registerBrowserPolicy(app, config);

  registerGraphqlHttp(app, { maxTokens: config.GRAPHQL_MAX_TOKENS, maxNesting: 64 });

  const revocations = new RevocationList(redis, redis.duplicate(), config.QUEUE_PREFIX);
  await revocations.start();
  app.addHook('onClose', async () => revocations.stop());
  const authenticate = accessTokenAuthenticator(config.JWT_SECRET, revocations);
  authenticateRequests(app, authenticate);

  await registerRateLimits(app, {
    redis,
    prefix: config.QUEUE_PREFIX,
    signInPerMinute: config.SIGN_IN_ATTEMPTS_PER_MINUTE,
    perUserPerMinute: config.GRAPHQL_RATE_LIMIT_PER_USER,
    perIpPerMinute: config.GRAPHQL_RATE_LIMIT_PER_IP,
    flushMs: config.RATE_LIMIT_SYNC_MS,
  });

  await registerFederation(app, deps, authenticate);

  // Document bytes bypass GraphQL: streamed to screening (see modules/uploads).
  const screening = deps.services.find((s) => s.name === 'screening');
  if (screening) {
    await registerUploadsProxy(app, {
      screeningUrl: screening.url,
      authenticate,
      gatewaySecret: config.GATEWAY_SHARED_SECRET,
    });
  }

  // The built admin console, when present (see modules/admin-console).
  await registerAdminConsole(app, config.ADMIN_CONSOLE_DIR);

  if (config.NODE_ENV === 'development') registerGraphiql(app);
  await registerQueueDashboard(app, {
    redis,
    prefix: config.QUEUE_PREFIX,
    jwtSecret: config.JWT_SECRET,
    secureCookie: config.NODE_ENV === 'production',
  });

  registerGatewayHealth(app, deps, redis);
  app.addHook('onClose', async () => {
    if (!deps.redis) redis.disconnect();
  });
  return app;
}
