/**
 * What a bench path starts and stops: its own Redis, service processes on loopback, and a group that stops
 * them all (in reverse) even when setup fails half way. Ports come from the caller's own range.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(import.meta.dirname, '..');

export interface Running {
  name: string;
  stop(): Promise<void>;
}

/** Everything a path started, stopped newest first. */
export class Processes {
  private readonly running: Running[] = [];

  add<T extends Running>(r: T): T {
    this.running.push(r);
    return r;
  }

  async stopAll(): Promise<void> {
    for (const r of this.running.splice(0).reverse()) {
      await r.stop().catch((err) => console.error(`stopping ${r.name}: ${(err as Error).message}`));
    }
  }
}

// A bench that crashes must not leave its servers behind: whatever is still running dies with us.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
const track = (child: ChildProcess) => {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
};

/** SIGTERM, then SIGKILL after `timeoutMs`; resolves once it exited. */
export async function stopChild(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** A probe's failure that waiting will not cure (the process exited). */
class Fatal extends Error {}

/** Resolves once `probe` succeeds, or fails after `timeoutMs` (polls every 100 ms). */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const ok = await probe().catch((err) => {
      if (err instanceof Fatal) throw err;
      return false;
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux). On a shared,
 * noisy machine CPU per request moves far less than throughput, so paths report both.
 */
export function cpuMs(pid: number): number {
  // utime is field 14, stime 15.
  const fields = procStat(pid);
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is field 3, the state. */
export function procStat(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
const CLOCK_TICKS = 100;

/** A throwaway Redis (no persistence) on 127.0.0.1:`port`. */
export async function startRedis(port: number): Promise<Running & { url: string }> {
  const child = track(
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitUntil(`redis on ${port}`, async () => {
    if (child.exitCode !== null) throw new Fatal(`redis-server exited: ${output.slice(-500)}`);
    return output.includes('Ready to accept connections');
  });
  return { name: `redis:${port}`, url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

/** True once `url` answers 2xx (its body is not read). */
export async function answers(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, init);
  await res.body?.cancel();
  return res.ok;
}

/**
 * `node <args>` from the project root with `env` on top of ours, killed with us if the bench dies. Its output
 * goes to our stderr when it exits with an error (or always, as it comes, with BENCH_VERBOSE).
 */
export function launchNode(
  name: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = track(
    spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`${name} exited ${code ?? signal}:\n${output}`);
  });
  return { child, output: () => output };
}

/**
 * A Node process running `script` (a .ts file, through tsx) with `env` on top of ours, ready once
 * `readyUrl` answers 200. Its output goes to our stderr only when it fails to start or dies.
 */
export async function startNode(opts: {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  readyUrl: string;
  /** How to ask readyUrl (default a GET). */
  readyInit?: RequestInit;
  nodeArgs?: string[];
}): Promise<Running & { pid: number }> {
  const args = [
    ...(opts.nodeArgs ?? []),
    '--import',
    'tsx',
    resolve(root, opts.script),
    ...(opts.args ?? []),
  ];
  const { child, output } = launchNode(opts.name, args, opts.env);
  try {
    await waitUntil(opts.name, async () => {
      if (child.exitCode !== null) throw new Fatal(`${opts.name} exited before it was ready:\n${output()}`);
      return answers(opts.readyUrl, opts.readyInit);
    });
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { name: opts.name, pid: child.pid as number, stop: () => stopChild(child, 10_000) };
}

/**
 * A Postgres cluster of the bench's own on 127.0.0.1:`port` (trust auth), for figures that count what the whole
 * cluster did (transaction ids); dropped by stop(). Never the machine's own cluster.
 */
export async function startPostgresCluster(
  port: number,
  /** Log every statement with its transaction id to `log/statements.log` in the data directory (see pg_read_file). */
  opts: { logStatements?: boolean } = {},
): Promise<Running & { url: (db: string) => string }> {
  if (port === 5432) throw new Error('refusing the machine’s own Postgres');
  const name = `mmbench${port}`;
  const sh = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  };
  // A cluster a crashed run left behind is dropped first, so every run starts from an empty one.
  spawnSync('pg_dropcluster', ['--stop', '15', name], { encoding: 'utf8' });
  const logging = opts.logStatements
    ? ['log_min_duration_statement=0', 'log_line_prefix=%x|', 'logging_collector=on']
        .concat(['log_filename=statements.log', 'log_rotation_size=0'])
        .flatMap((guc) => ['-o', guc])
    : [];
  sh('pg_createcluster', ['15', name, '-p', String(port), ...logging, '--', '--auth=trust']);
  sh('pg_ctlcluster', ['15', name, 'start']);
  return {
    name: `postgres:${port}`,
    url: (db) => `postgresql://postgres@127.0.0.1:${port}/${db}`,
    stop: async () => sh('pg_dropcluster', ['--stop', '15', name]),
  };
}
