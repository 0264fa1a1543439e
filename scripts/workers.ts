// One service's workers as their own process: `tsx scripts/workers.ts booking`.
// Production runs these beside API replicas started with RUN_WORKERS=false.
import { loadConfig } from '@mm/config';
import { runWorkers } from '@mm/graphql-kit';

const STARTERS = {
  identity: async () => (await import('@mm/identity/workers')).startIdentityWorkers,
  screening: async () => (await import('@mm/screening/workers')).startScreeningWorkers,
  booking: async () => (await import('@mm/booking/workers')).startBookingWorkers,
  payments: async () => (await import('@mm/payments/workers')).startPaymentsWorkers,
  care: async () => (await import('@mm/care/workers')).startCareWorkers,
} as const;

const name = process.argv[2] as keyof typeof STARTERS;
if (!(name in STARTERS)) {
  console.error(`usage: workers.ts <${Object.keys(STARTERS).join('|')}>`);
  process.exit(64);
}
const config = loadConfig();
const start = await STARTERS[name]();
await runWorkers({ name, logLevel: config.LOG_LEVEL, workers: () => start({ config }) });
