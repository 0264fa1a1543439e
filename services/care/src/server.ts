import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { buildCareApp } from './app.ts';
import { startCareWorkers } from './workers/index.ts';

const config = loadConfig();
await runService({
  name: 'care',
  host: config.HOST,
  port: config.CARE_PORT,
  app: await buildCareApp({ config }),
  workers: () => startCareWorkers({ config }),
});
