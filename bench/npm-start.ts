/**
 * The whole marketplace as `npm start` runs it, for the bench paths that measure it as a user gets it: every port
 * from the caller's range, its own Redis and database, and the process tree it started (to sum its memory and to
 * stop all of it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
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

export async function answers(url: string): Promise<boolean> {
  const res = await fetch(url);
  await res.body?.cancel();
  return res.ok;
}

/** `node <args>` from the project root with `env` on top of ours; its output is shown only if it fails. */
export function launch(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
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
export async function stopTree(child: ChildProcess): Promise<void> {
  const pids = processTree(child.pid as number);
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
