import { loadConfig } from '@mm/config';
import { runService } from '@mm/graphql-kit';
import { assertDependencies } from '@mm/queue';
import { buildGatewayApp, subgraphEndpoints } from './app.ts';
import { waitForSubgraphs } from './wait-for-subgraphs.ts';

const config = loadConfig();
await assertDependencies('gateway', { REDIS_URL: config.REDIS_URL });
const services = subgraphEndpoints(config);
const missing = await waitForSubgraphs(services);
if (missing.length) console.error(`gateway: subgraphs not answering after 120 s: ${missing.join(', ')}`);
await runService({
  name: 'gateway',
  host: config.HOST,
  port: config.GATEWAY_PORT,
  app: await buildGatewayApp({ config, services }),
});
