// `npm run schema:print` writes the schema clients generate code from
// (schema/schema.graphql): every subgraph's SDL composed the way the gateway
// composes it, without starting any server. `--check` only compares, and
// exits 1 when the code and the committed file disagree.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeGatewaySchema, loadSchemaFiles, printClientSchema, subgraphSdl } from '@mm/graphql-kit';

const root = resolve(import.meta.dirname, '..');
export const SCHEMA_FILE = resolve(root, 'schema/schema.graphql');

/** Each service whose modules hold `*.schema.graphql` files is a subgraph behind the gateway. */
export function composedSchemaText(): string {
  const sdls = readdirSync(resolve(root, 'services'))
    .sort()
    .map((svc) => loadSchemaFiles(resolve(root, 'services', svc, 'src/modules')))
    .filter((typeDefs) => typeDefs.trim() !== '')
    .map(subgraphSdl);
  return printClientSchema(composeGatewaySchema(sdls));
}

if (import.meta.filename === process.argv[1]) {
  const text = composedSchemaText();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as different
    }
    if (committed !== text) {
      console.error(
        'schema/schema.graphql is out of date with the code: run `npm run schema:print` and commit it.',
      );
      process.exit(1);
    }
    console.log('schema/schema.graphql matches the code.');
  } else {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}
