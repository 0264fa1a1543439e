/**
 * The whole marketplace as `npm start` runs it, for the bench paths that measure it as a user gets it: every port
 * from the caller's range, its own Redis and database, and the process tree it started (to sum its memory and to
 * stop all of it).
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { answers, launchNode, procStat, stopChild, waitUntil } from './infra.ts';

const root = resolve(import.meta.dirname, '..');
const SERVICES = ['IDENTITY', 'SCREENING', 'BOOKING', 'PAYMENTS', 'CARE'];

/**
 * The environment of an `npm start` on `databaseUrl` and `redisUrl`: the gateway on `firstPort`, the services on the
 * next five, then the admin console, the relay's metrics and the Stripe server.
 */
export function npmStartEnv(
  firstPort: number,
  databaseUrl: string,
  redisUrl: string,
): Record<string, string> {
  const at = (i: number) => String(firstPort + i);
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: at(0),
    ...Object.fromEntries(
      SERVICES.flatMap((name, i) => [
        [`${name}_PORT`, at(1 + i)],
        [`${name}_URL`, `http://127.0.0.1:${at(1 + i)}/graphql`],
      ]),
    ),
    PAYMENTS_PUBLIC_URL: `http://127.0.0.1:${at(1 + SERVICES.indexOf('PAYMENTS'))}`,
    ADMIN_DEV_PORT: at(6),
    METRICS_PORT: at(7),
    STRIPE_EMULATOR_PORT: at(8),
    // The bench measures the path, not the limiter's refusals.
    GRAPHQL_RATE_LIMIT_PER_USER: '1000000000',
    GRAPHQL_RATE_LIMIT_PER_IP: '1000000000',
  };
}

/** The seed and Stripe state files `npm start` keeps for a database (var/), removed after a bench. */
export function removeStartState(databaseUrl: string): void {
  const name = new URL(databaseUrl).pathname.slice(1);
  rmSync(resolve(root, 'var/seed-state', `${name}.txt`), { force: true });
  rmSync(resolve(root, 'var/stripe-emulator', `${name}.json`), { force: true });
}

/** Every live process under `pid` (from /proc's parent links), `pid` included. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(procStat(Number(entry))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i] as number) ?? []));
  return out;
}

export function rssMiB(pids: number[]): number {
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

/**
 * `npm start` (scripts/start.mjs) with `env`, resolved once the gateway on `gatewayPort` is ready; `stop` ends it
 * and everything it started.
 */
export async function startNpmStart(
  env: Record<string, string>,
  gatewayPort: number,
  timeoutMs = 180_000,
): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const { child } = launchNode('npm start', ['scripts/start.mjs'], env);
  const stop = () => stopTree(child);
  try {
    await waitUntil('npm start', () => answers(`http://127.0.0.1:${gatewayPort}/health/ready`), timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { child, stop };
}

/** SIGTERM (the orchestrator stops its children), then SIGKILL to whatever of its tree is left after 15 s. */
async function stopTree(child: ChildProcess): Promise<void> {
  const pids = processTree(child.pid as number);
  await stopChild(child, 15_000);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
