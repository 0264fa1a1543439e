import { randomUUID } from 'node:crypto';
import { AcceptGate } from '@mm/booking/src/modules/dispatch/accept-gate.ts';
import { loadConfig } from '@mm/config';
import { createRedis } from '@mm/queue';
import { afterAll, describe, expect, it } from 'vitest';

const config = loadConfig();
const redis = createRedis({ redisUrl: config.REDIS_URL });
// Two gates on one Redis stand for two booking processes.
const prefix = `${config.QUEUE_PREFIX}gate${randomUUID().slice(0, 6)}`;
const one = new AcceptGate(redis, prefix);
const otherRedis = redis.duplicate();
const other = new AcceptGate(otherRedis, prefix);

afterAll(() => {
  redis.disconnect();
  otherRedis.disconnect();
});

describe('AcceptGate (Redis, shared by every booking process)', () => {
  it('lets one accept of a booking in at a time; the others find it held until the holder leaves', async () => {
    const booking = randomUUID();
    expect(await one.enter(booking, 'offer-a')).toBe('entered');
    expect(await other.enter(booking, 'offer-b')).toBe('held');
    expect(await one.enter(booking, 'offer-c')).toBe('held');
    // Another booking has its own gate.
    expect(await other.enter(randomUUID(), 'offer-d')).toBe('entered');
    const waited = other.waitUntilFree(booking);
    await one.leave(booking, 'offer-a');
    await waited;
    expect(await other.enter(booking, 'offer-b')).toBe('entered');
  });

  it('is freed only by the offer that holds it', async () => {
    const booking = randomUUID();
    expect(await one.enter(booking, 'offer-a')).toBe('entered');
    await other.leave(booking, 'offer-b');
    expect(await other.enter(booking, 'offer-b')).toBe('held');
    await one.leave(booking, 'offer-a');
    expect(await other.enter(booking, 'offer-b')).toBe('entered');
  });

  it('reports a Redis it cannot reach as unavailable (the accept then relies on its transaction alone)', async () => {
    const down = createRedis({ redisUrl: config.REDIS_URL });
    down.disconnect();
    const gate = new AcceptGate(down, prefix);
    expect(await gate.enter(randomUUID(), 'offer-a')).toBe('unavailable');
  });
});
