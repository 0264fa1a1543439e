import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { assertDependencies } from '@mm/queue';
import { buildScreeningApp } from './app.ts';
import { startScreeningWorkers } from './workers/index.ts';

const config = loadConfig();
await assertDependencies('screening', config);
await runService({
  name: 'screening',
  host: config.HOST,
  port: config.SCREENING_PORT,
  app: await buildScreeningApp({ config }),
  workers: () => startScreeningWorkers({ config }),
});
