#!/usr/bin/env node
// `npm start`: installs dependencies on a fresh clone, then hands over to
// scripts/stack.ts (migrate, seed, run every process). Plain JavaScript
// because it must run before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(new URL('../node_modules/.package-lock.json', import.meta.url))) {
  console.log('Installing dependencies (first run)…');
  const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

// The Prisma client before anything imports it (scripts/stack.ts does, through @mm/queue).
if (!existsSync(new URL('../packages/db/src/generated/prisma/client.ts', import.meta.url))) {
  const gen = spawnSync(process.execPath, ['packages/db/bin/generate.mjs'], { cwd: root, stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}

// The admin console's typed GraphQL client (generated from schema/schema.graphql, never committed).
if (!existsSync(new URL('../apps/admin/src/generated/graphql.ts', import.meta.url))) {
  const gen = spawnSync(npm, ['run', 'codegen', '-w', '@mm/admin'], { cwd: root, stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}

// Optional local settings: a .env file beside package.json (see .env.example).
const envFile = existsSync(new URL('../.env', import.meta.url)) ? ['--env-file=.env'] : [];
const child = spawn(
  process.execPath,
  [...envFile, '--import', 'tsx', 'scripts/stack.ts', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// The orchestrator handles Ctrl-C itself; we only wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
