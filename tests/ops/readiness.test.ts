// Readiness covers workers running inside an API process, and /metrics asks
// for METRICS_TOKEN when one is set.
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import {
  addReadinessCheck,
  instrumentService,
  type ModuleDefinition,
  registerHealthRoutes,
  startServiceWorkers,
} from '@mm/graphql-kit';
import { metricsAuthorized } from '@mm/telemetry';
import { eventually } from '@mm/testing';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
afterAll(() => prisma.$disconnect());

const modules = [
  { name: 'chores', errors: [], jobs: { chores: { tidy: async () => 'tidied' } } },
] as unknown as ModuleDefinition[];

describe('/health/ready with workers in the API process', () => {
  it('is ready while the workers run, and says "workers" once they stopped', async () => {
    const app = Fastify();
    registerHealthRoutes(app, { database: async () => prisma.$queryRaw`SELECT 1` });
    const workers = await startServiceWorkers({
      service: 'chores',
      modules,
      prisma,
      redisUrl: config.REDIS_URL,
      prefix: `${config.QUEUE_PREFIX}-ready`,
      logLevel: 'silent',
    });
    expect(workers.ready).toBeTypeOf('function');
    addReadinessCheck(app, 'workers', workers.ready!);

    // The workers connect and start just after they are created.
    const up = await eventually(async () => {
      const res = await app.inject({ method: 'GET', url: '/health/ready' });
      return res.statusCode === 200 ? res : null;
    }, 'the workers running');
    expect(up.json()).toEqual({ status: 'ok', checks: { database: 'ok', workers: 'ok' } });

    await workers.close();
    const down = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    const body = down.json() as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('unavailable');
    expect(body.checks.database).toBe('ok');
    expect(body.checks.workers).toMatch(/^failing: /);
    await app.close();
  });

  it('refuses a check for an app without health routes', () => {
    expect(() => addReadinessCheck(Fastify(), 'workers', async () => 0)).toThrow(/no health routes/);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-for-the-test-0123';

  it('answers anyone without a token, and only the bearer of the token with one', () => {
    expect(metricsAuthorized(undefined, undefined)).toBe(true);
    expect(metricsAuthorized(undefined, token)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsAuthorized(`Basic ${token}`, token)).toBe(false);
    expect(metricsAuthorized(token, token)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}`, token)).toBe(true);
  });

  it('is 401 on a service (and the gateway: the same hook) without the bearer token, 200 with it', async () => {
    process.env.METRICS_TOKEN = token;
    const app = Fastify();
    instrumentService(app, 'metrics-test');
    try {
      const anonymous = await app.inject({ method: 'GET', url: '/metrics' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer');
      const wrong = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer not-the-token-at-all-000' },
      });
      expect(wrong.statusCode).toBe(401);
      const bearer = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(bearer.statusCode).toBe(200);
      expect(bearer.body).toContain('process_cpu_seconds_total');
    } finally {
      delete process.env.METRICS_TOKEN;
      await app.close();
    }
  });
});
