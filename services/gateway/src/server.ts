import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { assertDependencies } from '@mm/queue';
import { buildGatewayApp, subgraphEndpoints } from './app.ts';

const config = loadConfig();
await assertDependencies('gateway', { REDIS_URL: config.REDIS_URL });
await runService({
  name: 'gateway',
  host: config.HOST,
  port: config.GATEWAY_PORT,
  app: await buildGatewayApp({ config, services: subgraphEndpoints(config) }),
});
