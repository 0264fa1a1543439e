import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One registry per process. Every series carries `service`, so the in-process
 * test stack (all services in one process) stays readable too. Other packages
 * add their collectors here (queues, outbox, business gauges).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

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

/**
 * Whether a /metrics request may read the metrics: always without a token;
 * with METRICS_TOKEN set (validated by @mm/config), only with
 * `Authorization: Bearer <token>`. Compared in constant time.
 */
export function metricsAuthorized(
  authorization: string | undefined,
  token: string | undefined = process.env.METRICS_TOKEN,
): boolean {
  if (!token) return true;
  const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
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
    if (!metricsAuthorized(req.headers.authorization)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
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
