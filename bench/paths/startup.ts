/**
 * Start-up and memory: a warm `npm start` (dependencies installed, bundles built, database migrated and seeded
 * by a first start in setup) until the gateway's /health/ready answers, against a bare Fastify app under tsx
 * until it answers; then the whole stack's idle RSS (every process `npm start` started). Its own Redis and
 * throwaway database, every port in 14240–14250; the seed and Stripe state files of that database are removed.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchPath, Figure } from '../framework.ts';
import { answers, Processes, startNode, startRedis, waitUntil } from '../infra.ts';
import { npmStartEnv, processTree, removeStartState, rssMiB, startNpmStart } from '../npm-start.ts';
import { throwawayDatabase } from '../support.ts';

const GATEWAY = 14240;
const BARE = 14250;
const IDLE_MS = 5_000;

const procs = new Processes();
let env: Record<string, string> = {};

/** `npm start` (scripts/start.mjs) until the gateway is ready: ms, and the stack's idle RSS after it. */
async function npmStart(measureRss: boolean): Promise<{ ms: number; rss: number }> {
  const t0 = performance.now();
  const { child, stop } = await startNpmStart(env, GATEWAY);
  try {
    const ms = performance.now() - t0;
    if (!measureRss) return { ms, rss: 0 };
    await waitUntil('admin console', () => answers(`http://127.0.0.1:${env.ADMIN_DEV_PORT}/admin/`), 60_000);
    await sleep(IDLE_MS);
    return { ms, rss: rssMiB(processTree(child.pid as number)) };
  } finally {
    await stop();
  }
}

async function bareFastify(): Promise<number> {
  const t0 = performance.now();
  const bare = await startNode({
    name: 'bare fastify',
    script: 'bench/servers/bare.ts',
    env: { BENCH_PORT: String(BARE) },
    readyUrl: `http://127.0.0.1:${BARE}/health`,
  });
  const ms = performance.now() - t0;
  await bare.stop();
  return ms;
}

const path: BenchPath = {
  name: 'startup',
  description: 'npm start warm until the gateway answers vs a bare Fastify app under tsx; idle RSS',
  async setup() {
    const redis = procs.add(await startRedis(14249));
    const db = await throwawayDatabase('startup');
    procs.add({ name: 'database', stop: db.drop });
    procs.add({ name: 'start state', stop: async () => removeStartState(db.url) });
    env = npmStartEnv(GATEWAY, db.url, redis.url);
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
  },
};
export default path;
