import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { assertDependencies } from '@mm/queue';
import { buildCareApp } from './app.ts';
import { startCareWorkers } from './workers/index.ts';

const config = loadConfig();
await assertDependencies('care', config);
await runService({
  name: 'care',
  host: config.HOST,
  port: config.CARE_PORT,
  app: await buildCareApp({ config }),
  workers: () => startCareWorkers({ config }),
});
