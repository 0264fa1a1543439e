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

const ENTERED = { state: 'entered' };
const HELD = { state: 'held' };

afterAll(() => {
  redis.disconnect();
  otherRedis.disconnect();
});

describe('AcceptGate (Redis, shared by every booking process)', () => {
  it('lets one accept of a booking in at a time; the others find it held until the holder leaves', async () => {
    const booking = randomUUID();
    expect(await one.enter(booking, 1, 'offer-a')).toEqual(ENTERED);
    expect(await other.enter(booking, 1, 'offer-b')).toEqual(HELD);
    expect(await one.enter(booking, 1, 'offer-c')).toEqual(HELD);
    // Another booking has its own gate.
    expect(await other.enter(randomUUID(), 1, 'offer-d')).toEqual(ENTERED);
    const waited = other.waitUntilFree(booking);
    await one.leave(booking, 1, 'offer-a', null);
    await waited;
    expect(await other.enter(booking, 1, 'offer-b')).toEqual(ENTERED);
  });

  it('is freed only by the offer that holds it', async () => {
    const booking = randomUUID();
    expect(await one.enter(booking, 1, 'offer-a')).toEqual(ENTERED);
    await other.leave(booking, 1, 'offer-b', null);
    expect(await other.enter(booking, 1, 'offer-b')).toEqual(HELD);
    await one.leave(booking, 1, 'offer-a', null);
    expect(await other.enter(booking, 1, 'offer-b')).toEqual(ENTERED);
  });

  it("answers the others from the winner's taken marker, for that dispatch round only", async () => {
    const booking = randomUUID();
    expect(await one.enter(booking, 1, 'offer-a')).toEqual(ENTERED);
    const waiters = Array.from({ length: 20 }, () => other.waitUntilFree(booking));
    await one.leave(booking, 1, 'offer-a', 'therapist-a');
    await Promise.all(waiters);
    expect(await other.enter(booking, 1, 'offer-b')).toEqual({ state: 'taken', by: 'therapist-a' });
    // A new round (the therapist withdrew, the booking is searching again) is open to everyone.
    expect(await other.enter(booking, 2, 'offer-c')).toEqual(ENTERED);
  });

  it('a holder that failed leaves no marker: the next one enters', async () => {
    const booking = randomUUID();
    expect(await one.enter(booking, 1, 'offer-a')).toEqual(ENTERED);
    await one.leave(booking, 1, 'offer-a', null);
    expect(await other.enter(booking, 1, 'offer-b')).toEqual(ENTERED);
  });

  it('wakes the waiters of its own process when the holder leaves, and lets the others poll', async () => {
    const booking = randomUUID();
    expect(await one.enter(booking, 1, 'offer-a')).toEqual(ENTERED);
    const local = one.waitUntilFree(booking);
    const remote = other.waitUntilFree(booking);
    // A leave by an offer that does not hold the gate frees nothing.
    await one.leave(booking, 1, 'offer-x', null);
    expect(await one.enter(booking, 1, 'offer-b')).toEqual(HELD);
    await one.leave(booking, 1, 'offer-a', null);
    await Promise.all([local, remote]);
    expect(await other.enter(booking, 1, 'offer-b')).toEqual(ENTERED);
  });

  it('reports a Redis it cannot reach as unavailable (the accept then relies on its transaction alone)', async () => {
    const down = createRedis({ redisUrl: config.REDIS_URL });
    down.disconnect();
    const gate = new AcceptGate(down, prefix);
    expect(await gate.enter(randomUUID(), 1, 'offer-a')).toEqual({ state: 'unavailable' });
    await gate.leave(randomUUID(), 1, 'offer-a', 'therapist-a');
  });
});
