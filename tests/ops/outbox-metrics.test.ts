import { registerPlatformMetrics } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, TestClock } from '../harness/index.ts';

// No workers, so no relay: what is written to the outbox stays unpublished until we say.
const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'], now: clock.now });
  registerPlatformMetrics({
    prisma: stack.prisma,
    connection: stack.redis,
    prefix: stack.config.QUEUE_PREFIX,
    now: clock.now,
  });
});
afterAll(() => stack?.close());

const scrape = async (name: string) => {
  const text = (await stack.gateway.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
};

describe('outbox gauges', () => {
  it('count unpublished events and the age of the oldest by the clock, and fall to 0 once published', async () => {
    await stack.prisma.outboxEvent.updateMany({
      where: { publishedAt: null },
      data: { publishedAt: clock.now() },
    });
    expect(await scrape('outbox_backlog')).toBe(0);
    expect(await scrape('outbox_relay_lag_seconds')).toBe(0);
    for (const secondsAgo of [90, 30]) {
      await stack.prisma.outboxEvent.create({
        data: {
          id: crypto.randomUUID(),
          type: 'metrics.probe',
          aggregateType: 'Probe',
          aggregateId: String(secondsAgo),
          payload: {},
          occurredAt: new Date(clock.now().getTime() - secondsAgo * 1000),
        },
      });
    }
    expect(await scrape('outbox_backlog')).toBe(2);
    expect(await scrape('outbox_relay_lag_seconds')).toBe(90);
    clock.advance(10_000);
    expect(await scrape('outbox_relay_lag_seconds')).toBe(100);
    await stack.prisma.outboxEvent.updateMany({
      where: { publishedAt: null },
      data: { publishedAt: clock.now() },
    });
    expect(await scrape('outbox_backlog')).toBe(0);
    expect(await scrape('outbox_relay_lag_seconds')).toBe(0);
  });
});
