// `npm start`'s processes: children run from prebuilt bundles that are rebuilt
// only when a source they were built from changed, and a child killed with
// kill -9 is back after the short first restart delay.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlePath, devBuild, isStale } from '../../scripts/dev-build.ts';
import { nodeArgs, restartDelay, Supervisor } from '../../scripts/supervisor.ts';

const dir = mkdtempSync(join(tmpdir(), 'mm-dev-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('restart policy', () => {
  it('restarts at once after the first crash, then backs off to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(restartDelay)).toEqual([
      200, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  it('runs bundles with plain node and TypeScript under tsx', () => {
    expect(nodeArgs(['var/build/booking.mjs'])).toEqual(['--enable-source-maps', 'var/build/booking.mjs']);
    expect(nodeArgs(['scripts/workers.ts', 'booking'])).toEqual([
      '--import',
      'tsx',
      'scripts/workers.ts',
      'booking',
    ]);
  });
});

describe('dev bundles', () => {
  const entries = { probe: join(dir, 'entry.ts') };
  const part = join(dir, 'part.ts');
  writeFileSync(part, 'export const where: string = import.meta.dirname;\n');
  writeFileSync(entries.probe, "import { where } from './part.ts';\nconsole.log(where);\n");

  it('bundles an entry once, keeps each source file’s own import.meta, and rebuilds after an edit', async () => {
    expect(await devBuild(undefined, { entries, outDir: join(dir, 'out') })).toEqual(['probe']);
    const run = spawnSync(process.execPath, [bundlePath('probe', join(dir, 'out'))], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe(dir);

    expect(isStale('probe', join(dir, 'out'))).toBe(false);
    expect(await devBuild(undefined, { entries, outDir: join(dir, 'out') })).toEqual([]);

    const later = new Date(Date.now() + 60_000);
    utimesSync(part, later, later);
    expect(isStale('probe', join(dir, 'out'))).toBe(true);
    expect(await devBuild(['probe'], { entries, outDir: join(dir, 'out') })).toEqual(['probe']);
  });
});

describe('supervisor', () => {
  it('starts a child killed with kill -9 again after 0.2 s and says why', async () => {
    const script = join(dir, 'child.mjs');
    writeFileSync(script, 'setInterval(() => {}, 1000);\n');
    const restarts: { name: string; why: string; delay: number }[] = [];
    const supervisor = new Supervisor({
      cwd: dir,
      write: () => {},
      onRestart: (name, why, delay) => restarts.push({ name, why, delay }),
    });
    const child = supervisor.run('child', [script]);
    const first = child.proc.pid;
    await new Promise((r) => child.proc.once('spawn', r));
    child.proc.kill('SIGKILL');
    await expect.poll(() => child.restarts, { timeout: 10_000 }).toBe(1);
    expect(restarts).toEqual([{ name: 'child', why: 'killed by SIGKILL', delay: 200 }]);
    expect(child.proc.pid).not.toBe(first);
    await supervisor.stop();
    expect(child.restarts).toBe(1);
  });
});
