import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * One registry per process. Every series carries `service`, so the in-process
 * test stack (all services in one process) stays readable too. Other packages
 * add their collectors here (queues, outbox, business gauges).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

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

// Operation names come from clients: cap how many distinct ones become series.
const MAX_OPERATION_NAMES = 500;
const seenOperations = new Set<string>();
const OPERATION = /\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,63})/;

/** A GraphQL request's operation name (given, or the first in the document) and type. */
export function operationOf(body: unknown): { operation: string; type: string } {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  const match = typeof query === 'string' ? OPERATION.exec(query) : null;
  let operation =
    typeof operationName === 'string' && operationName ? operationName.slice(0, 64) : match?.[2];
  operation ??= 'anonymous';
  if (!seenOperations.has(operation)) {
    if (seenOperations.size >= MAX_OPERATION_NAMES) operation = 'other';
    else seenOperations.add(operation);
  }
  return { operation, type: match?.[1] ?? 'query' };
}

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
  app.get('/metrics', async (_request, reply) =>
    reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics()),
  );
}

/**
 * /metrics, /health/live and /health/ready for a process without an HTTP app
 * (the relay, workers-only), on METRICS_PORT. `ready` answers readiness.
 */
export async function startMetricsServer(opts: {
  host: string;
  port: number;
  ready: () => Promise<boolean>;
}): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (req.url === '/health/ready') {
      opts.ready().then(
        (ok) =>
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' })),
        () => res.writeHead(503).end('{"status":"unavailable"}'),
      );
      return;
    }
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metricsRegistry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  return server;
}
