/**
 * One service in its own process for a bench: `serve.ts <identity|screening|booking|care|payments|gateway>`,
 * configured by the environment (BENCH_PORT; for the gateway BENCH_SUBGRAPHS, a JSON list of {name, url}).
 * BENCH_NOW runs the service on the bench's clock (that instant, moving at the wall clock's pace);
 * BENCH_COUNTER_PORT counts its Prisma statements and transactions and serves the counts there (see counting.ts).
 * Listens on 127.0.0.1 only and closes cleanly on SIGTERM.
 */
import { loadConfig } from '@mm/config';
import type { FastifyInstance } from 'fastify';
import { benchClock } from '../clock.ts';
import { countingPrisma, serveCounts } from './counting.ts';

const role = process.argv[2];
const config = loadConfig();

function clock(): { now?: () => Date } {
  const start = process.env.BENCH_NOW;
  return start ? { now: benchClock(new Date(start)) } : {};
}

function database() {
  const port = process.env.BENCH_COUNTER_PORT;
  if (!port) return {};
  const { prisma, counts } = countingPrisma({
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    connectionTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
  });
  serveCounts(counts, Number(port));
  return { prisma };
}

async function build(): Promise<FastifyInstance> {
  const deps = { config, ...clock() };
  switch (role) {
    case 'identity':
      return (await import('@mm/identity/app')).buildIdentityApp({ ...deps, ...database() });
    case 'screening':
      return (await import('@mm/screening/app')).buildScreeningApp(deps);
    case 'booking':
      return (await import('@mm/booking/app')).buildBookingApp({ ...deps, ...database() });
    case 'care':
      return (await import('@mm/care/app')).buildCareApp(deps);
    case 'payments':
      return (await import('@mm/payments/app')).buildPaymentsApp(deps);
    case 'gateway':
      return (await import('@mm/gateway/app')).buildGatewayApp({
        config,
        services: JSON.parse(process.env.BENCH_SUBGRAPHS ?? '[]'),
      });
    default:
      throw new Error(`unknown role ${role}`);
  }
}

const app = await build();
await app.listen({ host: '127.0.0.1', port: Number(process.env.BENCH_PORT) });
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    void app.close().finally(() => process.exit(0));
  });
