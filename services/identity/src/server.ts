import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { assertDependencies } from '@mm/queue';
import { buildIdentityApp } from './app.ts';
import { startIdentityWorkers } from './workers/index.ts';

const config = loadConfig();
await assertDependencies('identity', config);
await runService({
  name: 'identity',
  host: config.HOST,
  port: config.IDENTITY_PORT,
  app: await buildIdentityApp({ config }),
  workers: () => startIdentityWorkers({ config }),
});
