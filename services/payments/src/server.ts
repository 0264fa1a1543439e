import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { assertDependencies } from '@mm/queue';
import { buildPaymentsApp } from './app.ts';
import { startPaymentsWorkers } from './workers/index.ts';

const config = loadConfig();
await assertDependencies('payments', config);
await runService({
  name: 'payments',
  host: config.HOST,
  port: config.PAYMENTS_PORT,
  app: await buildPaymentsApp({ config }),
  workers: () => startPaymentsWorkers({ config }),
});
