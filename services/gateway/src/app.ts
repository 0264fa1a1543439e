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

export async function buildGatewayApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const redis = deps.redis ?? createRedis({ redisUrl: config.REDIS_URL });
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

  registerGraphqlHttp(app, { maxTokens: config.GRAPHQL_MAX_TOKENS, maxNesting: 64 });

  const revocations = new RevocationList(redis, redis.duplicate(), config.QUEUE_PREFIX);
  await revocations.start();
  app.addHook('onClose', async () => revocations.stop());
  const authenticate = accessTokenAuthenticator(config.JWT_SECRET, revocations);

  // The caller's token is verified once, here; a bad token is refused outright
  // rather than served as anonymous. Before the rate limit, which keys by account.
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

  await registerRateLimits(app, {
    redis,
    prefix: config.QUEUE_PREFIX,
    signInPerMinute: config.SIGN_IN_ATTEMPTS_PER_MINUTE,
    perUserPerMinute: config.GRAPHQL_RATE_LIMIT_PER_USER,
    perIpPerMinute: config.GRAPHQL_RATE_LIMIT_PER_IP,
    flushMs: config.RATE_LIMIT_SYNC_MS,
  });

  const secret = config.GATEWAY_SHARED_SECRET;
  await app.register(mercuriusGateway, {
    gateway: {
      services: deps.services.map((s) => ({
        ...s,
        mandatory: true,
        // A subgraph that stopped answering fails the request in seconds, not minutes.
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
        // As many sockets per subgraph as requests the gateway works on at once (mercurius's default is
        // 10): under load a request otherwise queues for a socket while the subgraph has room to spare.
        connections: config.MAX_IN_FLIGHT,
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
      })),
    },
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

  // Document bytes bypass GraphQL: streamed to screening (see modules/uploads).
  const screening = deps.services.find((s) => s.name === 'screening');
  if (screening) {
    await registerUploadsProxy(app, {
      screeningUrl: screening.url,
      authenticate,
      gatewaySecret: secret,
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
    // The relay (its own process, or inside npm start's shared one), when the gateway is told where it is.
    ...(config.RELAY_HEALTH_URL
      ? {
          relay: async () => {
            const res = await fetch(config.RELAY_HEALTH_URL as string);
            if (!res.ok) throw new Error('the outbox relay is not ready');
          },
        }
      : {}),
  });
  app.addHook('onClose', async () => {
    if (!deps.redis) redis.disconnect();
  });
  return app;
}
