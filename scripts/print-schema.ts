// Prints the gateway's composed GraphQL schema to schema/schema.graphql: each
// subgraph's SDL is served by a resolver-less subgraph on a loopback port and
// composed by the real gateway plugin, so the file is exactly what clients
// see (the admin console's codegen reads it). Needs no database or Redis.
//   npm run schema:print            writes the file
//   npm run schema:print -- --check fails when the committed file is stale
import { spawnSync } from 'node:child_process';
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
  // Formatted as Biome formats it, so `npm run lint` and the check agree.
  const printed = `${printSchema(lexicographicSortSchema(gateway.graphql.schema))}\n`;
  const formatted = spawnSync(
    resolve(root, 'node_modules/.bin/biome'),
    ['format', '--stdin-file-path=schema/schema.graphql'],
    { cwd: root, input: printed, encoding: 'utf8' },
  );
  if (formatted.status !== 0) throw new Error(`biome format failed: ${formatted.stderr}`);
  const sdl = formatted.stdout;
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
