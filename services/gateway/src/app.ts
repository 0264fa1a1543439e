import gatewayModule from '@mercuriusjs/gateway';
import type { Config } from '@mm/config';
import {
  type DomainError,
  formatExecutionErrors,
  GATEWAY_ASSERTION_HEADER,
  httpErrorHandler,
  instrumentService,
  loggerOptions,
  registerHealthRoutes,
  requestIdFrom,
  returnRequestId,
  signGatewayAssertion,
  traceCarrier,
  traceRequests,
  type Viewer,
  verifyAccessToken,
} from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { MercuriusOptions } from 'mercurius';
import { queryLimitRules } from './modules/edge/limits.ts';
import { registerRateLimits } from './modules/edge/rate-limit.ts';
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
    trustProxy: config.NODE_ENV === 'production',
  });
  returnRequestId(app);
  instrumentService(app, 'gateway');
  traceRequests(app, 'gateway');
  app.setErrorHandler(httpErrorHandler);
  app.decorateRequest('viewer', null);

  await registerRateLimits(app, {
    redis,
    signInPerMinute: config.SIGN_IN_ATTEMPTS_PER_MINUTE,
    prefix: config.QUEUE_PREFIX,
  });

  // A request with a bad token is refused outright rather than served as anonymous.
  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/graphql')) return;
    const header = request.headers.authorization;
    if (!header) return;
    const [scheme, token] = header.split(' ');
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new Error('scheme');
      request.viewer = await verifyAccessToken(token, config.JWT_SECRET);
    } catch (err) {
      const e = err as DomainError;
      const message = e.code ? e.message : 'Send the access token as "Authorization: Bearer <token>".';
      return reply
        .code(401)
        .send({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });

  const secret = config.GATEWAY_SHARED_SECRET;
  await app.register(mercuriusGateway, {
    gateway: {
      services: deps.services.map((s) => ({
        ...s,
        mandatory: true,
        initHeaders: async () => ({ [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(null, secret) }),
        rewriteHeaders: async (_headers: unknown, context: { viewer?: Viewer | null; reqId?: string }) => ({
          [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(context?.viewer ?? null, secret),
          ...(context?.reqId ? { 'x-request-id': context.reqId } : {}),
          // The subgraph's span continues the gateway request's trace.
          ...traceCarrier(),
        }),
        ...subscriptionServiceOptions(s, secret),
      })),
    },
    subscription: gatewaySubscriptionOptions(config),
    // Our own page instead (modules/graphiql): mercurius's loads its code from a CDN.
    graphiql: false,
    context: (request: { viewer: Viewer | null; id: unknown }) => ({
      viewer: request.viewer,
      reqId: String(request.id),
    }),
    validationRules: queryLimitRules(config),
    allowBatchedQueries: false,
    errorFormatter: (execution: Parameters<typeof formatExecutionErrors>[0], context: unknown) =>
      formatExecutionErrors(
        execution,
        (context as unknown as { reply: { log: FastifyBaseLogger } }).reply.log,
      ),
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
      jwtSecret: config.JWT_SECRET,
      gatewaySecret: secret,
    });
  }

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
  });
  app.addHook('onClose', async () => {
    if (!deps.redis) redis.disconnect();
  });
  return app;
}
