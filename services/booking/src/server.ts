import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { assertDependencies } from '@mm/queue';
import { buildBookingApp } from './app.ts';
import { startBookingWorkers } from './workers/index.ts';

const config = loadConfig();
await assertDependencies('booking', config);
await runService({
  name: 'booking',
  host: config.HOST,
  port: config.BOOKING_PORT,
  app: await buildBookingApp({ config }),
  workers: () => startBookingWorkers({ config }),
});
