#!/usr/bin/env node
// Proves the build graph tells the truth: in a scratch copy of the repo, a warm
// `turbo run typecheck` (the step `npm test` runs) passes, then an exported
// signature in packages/graphql-kit changes and the same warm run must fail in
// the services that call it, not report success from cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mm-build-graph-'));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: '0' };

function typecheck(...extra) {
  const r = spawnSync(
    join(scratch, 'node_modules/.bin/turbo'),
    ['run', 'typecheck', '--output-logs=errors-only', ...extra],
    {
      cwd: scratch,
      env,
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  return { ok: r.status === 0, out: `${r.stdout}\n${r.stderr}` };
}

function fail(message, out = '') {
  console.error(`✖ ${message}\n${out.slice(-4000)}`);
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}

try {
  // Hard links make the copy cheap; files we change are replaced, never written through.
  for (const entry of readdirSync(root)) {
    if (entry === '.git') continue;
    const r = spawnSync('cp', ['-al', join(root, entry), scratch]);
    if (r.status !== 0) fail(`could not copy ${entry}: ${r.stderr}`);
  }
  // A git repository of its own, so turbo hashes files exactly as it does in a clone.
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['-c', 'user.name=ci', '-c', 'user.email=ci@local', 'commit', '-qm', 'scratch'],
  ]) {
    spawnSync('git', args, { cwd: scratch, env });
  }

  const first = typecheck();
  if (!first.ok) fail('the untouched copy does not typecheck', first.out);
  const warm = typecheck();
  if (!warm.ok || !/FULL TURBO|cached/i.test(warm.out))
    fail('the second run was not served from cache', warm.out);

  const file = join(scratch, 'packages/graphql-kit/src/ids.ts');
  const before = readFileSync(file, 'utf8');
  const changed = before.replace(
    'export function toGlobalId(type: string, id: string): string {',
    'export function toGlobalId(type: string, id: string, _version: number): string {',
  );
  if (changed === before) fail('toGlobalId(type, id) not found in packages/graphql-kit/src/ids.ts');
  unlinkSync(file);
  writeFileSync(file, changed);

  const after = typecheck('--continue');
  if (after.ok)
    fail('a changed exported signature still passed typecheck (a false pass from cache)', after.out);
  if (!/TS2554/.test(after.out)) fail('typecheck failed, but not with the expected TS2554', after.out);
  const failed = [...new Set(after.out.match(/@mm\/[a-z-]+#typecheck/g) ?? [])].sort();
  if (!failed.includes('@mm/booking#typecheck'))
    fail('booking, which calls toGlobalId, was not re-checked', after.out);
  console.log(`✓ warm typecheck passed before the change and failed after it (${failed.join(', ')}: TS2554)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
