import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = () => Promise<unknown>;

const withTimeout = (check: ReadinessCheck, ms: number) =>
  Promise.race([
    check(),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

const registered = new WeakMap<FastifyInstance, Record<string, ReadinessCheck>>();

/**
 * Adds a check to an app's /health/ready after it was built: runService adds
 * the workers it starts inside the API process.
 */
export function addReadinessCheck(app: FastifyInstance, name: string, check: ReadinessCheck): void {
  const checks = registered.get(app);
  if (!checks) throw new Error('addReadinessCheck: the app has no health routes');
  checks[name] = check;
}

/** /health/live says the process runs; /health/ready says its dependencies answer. */
export function registerHealthRoutes(app: FastifyInstance, initial: Record<string, ReadinessCheck>): void {
  const checks = { ...initial };
  registered.set(app, checks);
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check, 2000);
          return [name, 'ok'] as const;
        } catch (err) {
          return [name, `failing: ${(err as Error).message}`] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) });
  });
}
