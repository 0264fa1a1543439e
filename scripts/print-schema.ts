// Prints the gateway's composed GraphQL schema to schema/schema.graphql: each
// subgraph's SDL is served by a resolver-less subgraph on a loopback port and
// composed by the real gateway plugin, so the file is exactly what clients
// see (the admin console's codegen reads it). Needs no database or Redis.
//   npm run schema:print            writes the file
//   npm run schema:print -- --check fails when the committed file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import gatewayModule from '@mercuriusjs/gateway';
import {
  buildSubgraph,
  GATEWAY_ASSERTION_HEADER,
  loadSchemaFiles,
  signGatewayAssertion,
} from '@mm/graphql-kit';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { lexicographicSortSchema, printSchema } from 'graphql';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'schema/schema.graphql');
const SUBGRAPHS = ['identity', 'booking', 'care', 'screening', 'payments'];
const secret = 'schema-print-only-secret-0123456789abcdef';
const gatewayPlugin = gatewayModule as unknown as FastifyPluginAsync<Record<string, unknown>>;

const apps: FastifyInstance[] = [];
try {
  const services: { name: string; url: string; mandatory: boolean; initHeaders: () => Promise<object> }[] =
    [];
  for (const name of SUBGRAPHS) {
    const app = await buildSubgraph({
      name,
      typeDefs: loadSchemaFiles(resolve(root, `services/${name}/src/modules`)),
      resolvers: {},
      gatewaySecret: secret,
      logLevel: 'silent',
    });
    apps.push(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    services.push({
      name,
      url: `${address}/graphql`,
      mandatory: true,
      initHeaders: async () => ({ [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(null, secret) }),
    });
  }
  const gateway = Fastify({ logger: false });
  apps.push(gateway);
  await gateway.register(gatewayPlugin, { gateway: { services } });
  await gateway.ready();
  const sdl = `${printSchema(lexicographicSortSchema(gateway.graphql.schema))}\n`;
  if (process.argv.includes('--check')) {
    const current = readFileSync(out, 'utf8');
    if (current !== sdl) {
      console.error('schema/schema.graphql is stale: run npm run schema:print');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(out, sdl);
    console.log(`wrote ${out}`);
  }
} finally {
  for (const app of apps.reverse()) await app.close();
}
