import { metricsAuthorized, metricsRegistry, operationOf } from '@mm/telemetry';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by route template and status.',
  labelNames: ['service', 'method', 'route', 'status_code'],
  buckets: seconds,
  registers: [metricsRegistry],
});
const operationDuration = new Histogram({
  name: 'graphql_operation_duration_seconds',
  help: 'GraphQL operations by operation name (as the client named it) and type.',
  labelNames: ['service', 'operation', 'type'],
  buckets: seconds,
  registers: [metricsRegistry],
});
const errorsByCode = new Counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors returned, by extensions.code.',
  labelNames: ['service', 'code'],
  registers: [metricsRegistry],
});

function countErrors(service: string, payload: string): void {
  try {
    const { errors } = JSON.parse(payload) as { errors?: { extensions?: { code?: unknown } }[] };
    for (const e of errors ?? []) {
      errorsByCode.inc({
        service,
        code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'NONE',
      });
    }
  } catch {
    // not JSON: nothing to count
  }
}

/**
 * The one hook a service's bootstrap calls: request and operation durations,
 * errors by code, and GET /metrics in Prometheus text format.
 */
export function instrumentService(app: FastifyInstance, service: string): void {
  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload === 'string' && request.url.startsWith('/graphql') && payload.includes('"errors"')) {
      countErrors(service, payload);
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const elapsed = reply.elapsedTime / 1000;
    httpDuration.observe(
      { service, method: request.method, route, status_code: String(reply.statusCode) },
      elapsed,
    );
    if (route === '/graphql' && request.method === 'POST') {
      operationDuration.observe({ service, ...operationOf(request.body) }, elapsed);
    }
  });
  app.get('/metrics', async (request, reply) => {
    if (!metricsAuthorized(request.headers.authorization)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'metrics token required' });
    }
    return reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
}
