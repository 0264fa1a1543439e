#!/usr/bin/env node
// `npm run test:clock`: every test that books, dispatches, schedules, expires or
// reminds, run as if it were several moments (TEST_NOW) on machines in far-apart
// time zones (TZ). Each must pass at every one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PROJECTS = ['safety', 'booking', 'booking-api', 'payments', 'payments-api', 'care', 'care-api'];
PROJECTS.push('screening', 'screening-api', 'journey');

// 03:00, 12:00 and 23:30 UTC; both New York DST changes (30 minutes before each
// jump, so the run crosses it); the machine's zone far east and far west of UTC.
const MOMENTS = [
  { now: '2026-12-03T03:00:00Z', tz: 'UTC', what: '03:00 UTC' },
  { now: '2026-12-03T12:00:00Z', tz: 'Pacific/Kiritimati', what: '12:00 UTC, machine at UTC+14' },
  { now: '2026-12-03T23:30:00Z', tz: 'Pacific/Pago_Pago', what: '23:30 UTC, machine at UTC−11' },
  { now: '2027-03-14T06:30:00Z', tz: 'Pacific/Kiritimati', what: 'New York springs forward (01:30 EST)' },
  { now: '2026-11-01T05:30:00Z', tz: 'Pacific/Pago_Pago', what: 'New York falls back (01:30 EDT)' },
];

// `--moments=0,3` runs only those rows of MOMENTS; anything else goes to vitest.
const picked = process.argv.find((a) => a.startsWith('--moments='));
const only = picked?.slice('--moments='.length).split(',').map(Number);
const vitestArgs = process.argv.slice(2).filter((a) => a !== picked);
const rows = [];
for (const [i, m] of MOMENTS.entries()) {
  if (only && !only.includes(i)) continue;
  const dir = mkdtempSync(join(tmpdir(), 'mm-test-clock-'));
  const out = join(dir, 'results.json');
  const started = Date.now();
  const r = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    [
      'run',
      ...PROJECTS.flatMap((p) => ['--project', p]),
      '--reporter=dot',
      '--reporter=json',
      `--outputFile=${out}`,
      ...vitestArgs,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TEST_NOW: m.now, TZ: m.tz, TEST_NOW_ANCHOR: String(Date.now()) },
    },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(out, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests;
  } catch {
    failed = -1;
  }
  rmSync(dir, { recursive: true, force: true });
  rows.push({ ...m, passed, failed, seconds, ok: r.status === 0 && failed === 0 });
}

console.log('\nmoment (TEST_NOW)        machine TZ          passed  failed  wall s  what');
for (const r of rows) {
  console.log(
    `${r.now.padEnd(24)} ${r.tz.padEnd(19)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.seconds).padStart(6)}  ${r.what}`,
  );
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
