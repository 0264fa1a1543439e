import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Redis of our own on a spare port, free to flush, kill and restart
 * (never the machine's 6379). Nothing is persisted, as in many deployments.
 */
export class SpareRedis {
  private readonly pidFile: string;
  constructor(readonly port: number) {
    this.pidFile = join(tmpdir(), `mm-spare-redis-${port}.pid`);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  start(): void {
    const r = spawnSync('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      this.pidFile,
    ]);
    if (r.status !== 0) throw new Error(`redis-server on ${this.port} did not start: ${r.stderr}`);
    for (let i = 0; i < 50 && !this.answers(); i++) spawnSync('sleep', ['0.1']);
  }

  /** Stops it the hard way: everything in memory is gone. */
  kill(): void {
    try {
      const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 50 && this.answers(); i++) spawnSync('sleep', ['0.1']);
    } catch {
      // not running
    }
    rmSync(this.pidFile, { force: true });
  }

  flushAll(): void {
    spawnSync('redis-cli', ['-p', String(this.port), 'FLUSHALL']);
  }

  private answers(): boolean {
    return (
      spawnSync('redis-cli', ['-p', String(this.port), 'PING'])
        .stdout?.toString()
        .trim() === 'PONG'
    );
  }
}
