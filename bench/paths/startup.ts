/**
 * Start-up and memory: a warm `npm start` (dependencies installed, bundles built, database migrated and seeded
 * by a first start in setup) until the gateway's /health/ready answers, against a bare Fastify app under tsx
 * until it answers; then the whole stack's idle RSS (every process `npm start` started). Its own Redis and
 * throwaway database, every port in 14240–14250; the seed and Stripe state files of that database are removed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchPath, Figure } from '../framework.ts';
import { Processes, startRedis, waitUntil } from '../infra.ts';
import { throwawayDatabase } from '../support.ts';

const root = resolve(import.meta.dirname, '../..');
const GATEWAY = 14240;
const ADMIN = 14246;
const BARE = 14250;
const IDLE_MS = 5_000;
const SERVICES = ['IDENTITY', 'SCREENING', 'BOOKING', 'PAYMENTS', 'CARE'];

const procs = new Processes();
let env: Record<string, string> = {};
let dbName = '';

/** Every live process under `pid` (from /proc's parent links), `pid` included. */
function tree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i] as number) ?? []));
  return out;
}

function rssMiB(pids: number[]): number {
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
}

async function answers(url: string): Promise<boolean> {
  const res = await fetch(url);
  await res.body?.cancel();
  return res.ok;
}

function launch(args: string[], extra: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code) => {
    if (code) console.error(`${args.join(' ')} exited ${code}:\n${output}`);
  });
  return child;
}

/** SIGTERM, then SIGKILL to whatever of its tree is left after 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  const pids = tree(child.pid as number);
  if (child.exitCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** `npm start` (scripts/start.mjs) until the gateway is ready: ms, and the stack's idle RSS after it. */
async function npmStart(measureRss: boolean): Promise<{ ms: number; rss: number }> {
  const t0 = performance.now();
  const child = launch(['scripts/start.mjs']);
  try {
    await waitUntil('npm start', () => answers(`http://127.0.0.1:${GATEWAY}/health/ready`), 180_000);
    const ms = performance.now() - t0;
    if (!measureRss) return { ms, rss: 0 };
    await waitUntil('admin console', () => answers(`http://127.0.0.1:${ADMIN}/admin/`), 60_000);
    await sleep(IDLE_MS);
    return { ms, rss: rssMiB(tree(child.pid as number)) };
  } finally {
    await stop(child);
  }
}

async function bareFastify(): Promise<number> {
  const t0 = performance.now();
  const child = launch(['--import', 'tsx', 'bench/servers/bare.ts'], { BENCH_PORT: String(BARE) });
  try {
    await waitUntil('bare fastify', () => answers(`http://127.0.0.1:${BARE}/health`));
    return performance.now() - t0;
  } finally {
    await stop(child);
  }
}

const path: BenchPath = {
  name: 'startup',
  description: 'npm start warm until the gateway answers vs a bare Fastify app under tsx; idle RSS',
  async setup() {
    const redis = procs.add(await startRedis(14249));
    const db = await throwawayDatabase('startup');
    procs.add({ name: 'database', stop: db.drop });
    dbName = new URL(db.url).pathname.slice(1);
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      GATEWAY_PORT: String(GATEWAY),
      ...Object.fromEntries(
        SERVICES.flatMap((name, i) => [
          [`${name}_PORT`, String(GATEWAY + 1 + i)],
          [`${name}_URL`, `http://127.0.0.1:${GATEWAY + 1 + i}/graphql`],
        ]),
      ),
      PAYMENTS_PUBLIC_URL: `http://127.0.0.1:${GATEWAY + 1 + SERVICES.indexOf('PAYMENTS')}`,
      ADMIN_DEV_PORT: String(ADMIN),
      METRICS_PORT: '14247',
      STRIPE_EMULATOR_PORT: '14248',
    };
    // The first start seeds this database (and builds stale bundles): not what a warm start does.
    await npmStart(false);
  },
  async round(): Promise<Figure[]> {
    const reference = await bareFastify();
    const warm = await npmStart(true);
    return [
      {
        metric: 'npm start warm, until the gateway answers',
        unit: 'ms',
        subject: warm.ms,
        reference,
        referenceLabel: 'a bare Fastify app under tsx',
        better: 'lower',
      },
      {
        metric: 'npm start warm (absolute)',
        unit: 'ms',
        subject: warm.ms,
        reference: null,
        better: 'lower',
        target: 10_000,
      },
      {
        metric: 'whole stack idle RSS',
        unit: 'MiB',
        subject: warm.rss,
        reference: null,
        better: 'lower',
        target: 1229,
      },
    ];
  },
  async teardown() {
    await procs.stopAll();
    for (const dir of ['var/seed-state', 'var/stripe-emulator'])
      for (const file of [`${dbName}.txt`, `${dbName}.json`])
        rmSync(resolve(root, dir, file), { force: true });
  },
};
export default path;
