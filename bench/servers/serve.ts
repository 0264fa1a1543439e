/**
 * One service in its own process for a bench: `serve.ts <identity|screening|booking|care|payments|gateway>`,
 * configured by the environment (BENCH_PORT; for the gateway BENCH_SUBGRAPHS, a JSON list of {name, url}).
 * Listens on 127.0.0.1 only and closes cleanly on SIGTERM.
 */
import { loadConfig } from '@mm/config';
import type { FastifyInstance } from 'fastify';

const role = process.argv[2];
const config = loadConfig();

async function build(): Promise<FastifyInstance> {
  switch (role) {
    case 'identity':
      return (await import('@mm/identity/app')).buildIdentityApp({ config });
    case 'screening':
      return (await import('@mm/screening/app')).buildScreeningApp({ config });
    case 'booking':
      return (await import('@mm/booking/app')).buildBookingApp({ config });
    case 'care':
      return (await import('@mm/care/app')).buildCareApp({ config });
    case 'payments':
      return (await import('@mm/payments/app')).buildPaymentsApp({ config });
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
