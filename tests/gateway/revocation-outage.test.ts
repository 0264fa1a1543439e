import { publishRevokedSessions, RevocationList } from '@mm/graphql-kit';
import { eventually } from '@mm/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SpareRedis } from '../../packages/queue/test/spare-redis.ts';

// A Redis of the test's own on a spare port, stopped by the pid it wrote:
// never a command sent to whatever answers on some port (the machine's 6379 must live).
const spare = new SpareRedis(6393);
const PORT = spare.port;

const clients: Redis[] = [];
const connect = () => {
  const r = new Redis({ port: PORT, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  r.on('error', () => undefined);
  clients.push(r);
  return r;
};
afterAll(() => {
  spare.kill();
  for (const c of clients) c.disconnect();
});

describe('the gateway’s revocation list when Redis goes away', () => {
  it('keeps what it knew revoked, answers "unknown" for the rest while Redis is down, and recovers', async () => {
    spare.kill();
    spare.start();
    const redis = connect();
    await eventually(async () => (await redis.ping()) === 'PONG', 'redis up');
    const list = new RevocationList(redis, connect(), 'rev', 60_000);
    await list.start();
    expect(list.state('s1')).toBe('valid');

    await publishRevokedSessions(redis, 'rev', ['s1'], 900);
    await eventually(async () => list.state('s1') === 'revoked', 's1 revoked by the feed');

    spare.kill();
    await eventually(async () => list.state('s2') === 'unknown', 'feed down');
    expect(list.state('s1')).toBe('revoked');

    // Revoked while this gateway could not hear it: the snapshot on reconnect has it.
    spare.start();
    const writer = connect();
    await eventually(async () => (await writer.ping().catch(() => '')) === 'PONG', 'redis back');
    await publishRevokedSessions(writer, 'rev', ['s3'], 900);
    await eventually(async () => list.state('s2') === 'valid', 'feed live again');
    await eventually(async () => list.state('s3') === 'revoked', 's3 revoked');
    list.stop();
  }, 60_000);
});
