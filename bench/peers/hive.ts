/** Hive Gateway (`@graphql-hive/gateway-runtime`) on node:http in front of the bench's subgraphs. */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { GATEWAY_ASSERTION_HEADER } from '@mm/graphql-kit';
import { composeSupergraph } from './compose.ts';
import { assertionFor, gatewaySecret, port, subgraphs } from './identity.ts';

const supergraph = await composeSupergraph(subgraphs(), gatewaySecret);
// Hive's logger reads LOG_LEVEL as well and knows no 'silent' (ours); `logging: false` turns it off.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: not read here, removed for Hive's logger
delete process.env.LOG_LEVEL;
const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  // A bench must see why a request failed.
  maskedErrors: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      [GATEWAY_ASSERTION_HEADER]: assertionFor(request.headers.get('authorization')),
    }),
  },
});
const server = createServer(gateway);
server.listen(port(), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    server.close();
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  });
