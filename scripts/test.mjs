#!/usr/bin/env node
// `npm test`: the Prisma client, then types, lint, and every test against
// real Postgres and Redis. Extra arguments go to vitest (e.g. --project booking).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Loopback only: no telemetry from turbo or Prisma.
const env = {
  ...process.env,
  FORCE_COLOR: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  CHECKPOINT_DISABLE: '1',
};
const step = (label, cmd, args) => {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed`);
    process.exit(r.status ?? 1);
  }
};
const bin = (name) => `node_modules/.bin/${name}`;
const vitestArgs = process.argv.slice(2);

// The client first: the infrastructure probe imports packages that load it.
step('prisma generate', process.execPath, ['packages/db/bin/generate.mjs']);
// The admin console's typed GraphQL client, generated from schema/schema.graphql (never committed).
step('graphql codegen', 'npm', ['run', '--silent', 'codegen', '-w', '@mm/admin']);
step('infrastructure', process.execPath, [
  '--import',
  'tsx',
  '-e',
  "await (await import('./scripts/infra.ts')).assertInfrastructure((await import('@mm/config')).loadConfig())",
]);
if (vitestArgs.length === 0) {
  step('typecheck', bin('turbo'), ['run', 'typecheck', '--output-logs=errors-only']);
  step('typecheck scripts', bin('tsc'), ['-p', 'tsconfig.json']);
  step('lint', bin('biome'), ['check', '.']);
}
step('tests', bin('vitest'), ['run', ...vitestArgs]);
