// The process supervisor behind `npm start` (and the chaos suite): runs each
// child (a prebuilt .mjs bundle, or a .ts file under tsx) and restarts it with
// backoff whenever it exits on its own.
import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Restart delay after the n-th quick failure in a row: the first restart is
 * almost at once (0.2 s: a single kill -9 should cost seconds, not tens of
 * them), then 1 s doubling to 30 s, so a crash loop does not spin.
 */
export const restartDelay = (failures: number) =>
  failures <= 0 ? 200 : Math.min(500 * 2 ** failures, 30_000);

/** Node's arguments for a child: bundles run as they are, TypeScript through tsx. */
export const nodeArgs = (args: string[]): string[] =>
  args[0]?.endsWith('.ts') ? ['--import', 'tsx', ...args] : ['--enable-source-maps', ...args];
/** A child that ran this long before exiting counts as healthy: its next restart is quick again. */
const HEALTHY_RUN_MS = 15_000;

export interface Child {
  readonly name: string;
  /** The current process (a new one after each restart). */
  proc: ChildProcess;
  restarts: number;
}

export interface SupervisorOptions {
  cwd: string;
  /** Where a child's output goes, line by line. */
  write: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
  /** Told about every exit that leads to a restart. */
  onRestart?: (name: string, why: string, delayMs: number) => void;
}

export class Supervisor {
  readonly children: Child[] = [];
  private stopping = false;

  constructor(private readonly opts: SupervisorOptions) {}

  /**
   * Runs a child and supervises it: whenever it exits on its own (crash,
   * kill -9, any exit code) it is started again after a backoff and the
   * reason is reported. Only stop() ends it for good.
   */
  run(name: string, args: string[], env: Record<string, string> = {}): Child {
    let failures = 0;
    const spawnChild = (): ChildProcess => {
      // Children inherit our environment, which already holds any .env settings.
      const proc = spawn(process.execPath, nodeArgs(args), {
        cwd: this.opts.cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const startedAt = Date.now();
      this.lines(name, proc.stdout!, 'stdout');
      this.lines(name, proc.stderr!, 'stderr');
      proc.on('exit', (code, signal) => {
        if (this.stopping) return;
        const why = signal ? `killed by ${signal}` : `exited with code ${code}`;
        failures = Date.now() - startedAt > HEALTHY_RUN_MS ? 1 : failures + 1;
        const delay = restartDelay(failures - 1);
        this.opts.onRestart?.(name, why, delay);
        setTimeout(() => {
          if (this.stopping) return;
          child.restarts++;
          child.proc = spawnChild();
        }, delay);
      });
      return proc;
    };
    const child: Child = { name, proc: spawnChild(), restarts: 0 };
    this.children.push(child);
    return child;
  }

  /** SIGTERM to every child, newest first (the gateway before what it calls); SIGKILL after 10 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    const alive = this.children.filter((c) => c.proc.exitCode === null && !c.proc.signalCode);
    const exits = alive.map((c) => new Promise<void>((r) => c.proc.once('exit', () => r())));
    for (const c of [...alive].reverse()) c.proc.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const c of alive) c.proc.kill('SIGKILL');
    }, 10_000);
    await Promise.all(exits);
    clearTimeout(force);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  private lines(name: string, stream: NodeJS.ReadableStream, kind: 'stdout' | 'stderr') {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) this.opts.write(name, line, kind);
    });
  }
}
