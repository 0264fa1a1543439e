import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishRevokedSessions, RevocationList } from '@mm/graphql-kit';
import { eventually } from '@mm/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

// A Redis of the test's own on a spare port, which it may stop and start.
const PORT = 6300 + Math.floor(Math.random() * 80);
const dir = mkdtempSync(join(tmpdir(), 'mm-revocation-'));
const startRedis = () =>
  new Promise<void>((resolve, reject) => {
    const p = spawn('redis-server', [
      '--port',
      String(PORT),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      join(dir, 'redis.pid'),
      '--dir',
      dir,
    ]);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`redis-server exited ${code}`))));
  });
const stopRedis = async (admin: Redis) => {
  await admin.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
};

const clients: Redis[] = [];
const connect = () => {
  const r = new Redis({ port: PORT, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  r.on('error', () => undefined);
  clients.push(r);
  return r;
};
afterAll(async () => {
  const admin = new Redis({ port: PORT, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  admin.on('error', () => undefined);
  await stopRedis(admin);
  admin.disconnect();
  for (const c of clients) c.disconnect();
});

describe('the gateway’s revocation list when Redis goes away', () => {
  it('keeps what it knew revoked, answers "unknown" for the rest while Redis is down, and recovers', async () => {
    await startRedis();
    const redis = connect();
    await eventually(async () => (await redis.ping()) === 'PONG', 'redis up');
    const list = new RevocationList(redis, connect(), 'rev', 60_000);
    await list.start();
    expect(list.state('s1')).toBe('valid');

    await publishRevokedSessions(redis, 'rev', ['s1'], 900);
    await eventually(async () => list.state('s1') === 'revoked', 's1 revoked by the feed');

    await stopRedis(connect());
    await eventually(async () => list.state('s2') === 'unknown', 'feed down');
    expect(list.state('s1')).toBe('revoked');

    // Revoked while this gateway could not hear it: the snapshot on reconnect has it.
    await startRedis();
    const writer = connect();
    await eventually(async () => (await writer.ping().catch(() => '')) === 'PONG', 'redis back');
    await publishRevokedSessions(writer, 'rev', ['s3'], 900);
    await eventually(async () => list.state('s2') === 'valid', 'feed live again');
    await eventually(async () => list.state('s3') === 'revoked', 's3 revoked');
    list.stop();
  }, 60_000);
});
