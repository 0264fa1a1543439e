import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { checkDependencies } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const listen = (server: Server) =>
  new Promise<number>((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)),
  );

// A port that accepts connections and never says a word, and one that speaks HTTP.
const silent = createServer(() => {});
const http = createServer((socket) => {
  socket.on('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n'));
});
let silentPort = 0;
let httpPort = 0;
beforeAll(async () => {
  silentPort = await listen(silent);
  httpPort = await listen(http);
});
afterAll(() => {
  silent.close();
  http.close();
});

describe('start-up preflight', () => {
  it('passes against the real Postgres and Redis', async () => {
    expect(
      await checkDependencies({
        DATABASE_URL: process.env.DATABASE_URL!,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      }),
    ).toEqual([]);
  });

  it('names DATABASE_URL and REDIS_URL when their ports accept but never answer', async () => {
    const problems = await checkDependencies({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${silentPort}/x`,
      REDIS_URL: `redis://127.0.0.1:${silentPort}`,
      timeoutMs: 500,
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^DATABASE_URL=postgresql:\/\/postgres@127\.0\.0\.1:\d+\/x does not answer as PostgreSQL/,
    );
    expect(problems[1]).toMatch(/^REDIS_URL=redis:\/\/127\.0\.0\.1:\d+ does not answer as Redis/);
  });

  it('names each variable when the port speaks another protocol (Redis where Postgres should be, and HTTP)', async () => {
    const problems = await checkDependencies({
      DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:6379/x',
      REDIS_URL: `redis://127.0.0.1:${httpPort}`,
      timeoutMs: 1000,
    });
    expect(problems).toHaveLength(2);
    // The password never reaches the message.
    expect(problems[0]).toMatch(
      /^DATABASE_URL=postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:6379\/x does not answer/,
    );
    expect(problems[1]).toMatch(/^REDIS_URL=.* does not answer as Redis/);
  });

  it('accepts a database that does not exist yet only when asked to (npm start creates it)', async () => {
    const url = process.env.DATABASE_URL!.replace(/\/[^/]+$/, '/mm_ops_no_such_database');
    expect(await checkDependencies({ DATABASE_URL: url, allowMissingDatabase: true })).toEqual([]);
    expect((await checkDependencies({ DATABASE_URL: url }))[0]).toMatch(/does not exist/);
  });

  it('a service process exits with the variable named instead of hanging', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/queue/src/relay-main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `postgresql://postgres@127.0.0.1:${silentPort}/x` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(stderr).toContain('relay cannot start');
    expect(stderr).toContain(`DATABASE_URL=postgresql://postgres@127.0.0.1:${silentPort}/x does not answer`);
  });
});
