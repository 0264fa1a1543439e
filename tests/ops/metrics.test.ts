import { readFileSync } from 'node:fs';
import { eventQueueName, registerPlatformMetrics } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithIntake, searchingBooking } from '../booking/helpers.ts';
import { eventually, type Stack, startStack, TestClock } from '../harness/index.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let text = '';

/** The value of one series in Prometheus text format, or undefined when absent. */
function sample(name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  registerPlatformMetrics({
    prisma: stack.prisma,
    connection: stack.redis,
    prefix: stack.config.QUEUE_PREFIX,
    now: clock.now,
  });
});
afterAll(() => stack?.close());

describe('/metrics during a booking', () => {
  it('shows requests, operations by name, errors by code, queues, the outbox and bookings by state', async () => {
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client);
    const me = await stack.gql('query WhoAmI { me { id } }', {}, { token: client.accessToken });
    expect(me.errors).toBeUndefined();
    const bad = await stack.gql('{ noSuchField }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // The booking's events reach booking's own consumer through the relay and a worker.
    const bookingQueue = eventQueueName('booking');
    await eventually(async () => {
      const res = await stack.gateway.inject({ method: 'GET', url: '/metrics' });
      text = res.body;
      return (sample('queue_jobs_processed_total', { queue: bookingQueue, outcome: 'completed' }) ?? 0) > 0;
    }, 'a processed job in /metrics');

    const res = await stack.subgraphs.booking!.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = res.body;

    expect(
      sample('graphql_operation_duration_seconds_count', {
        service: 'gateway',
        operation: 'WhoAmI',
        type: 'query',
      }),
    ).toBe(1);
    expect(sample('graphql_errors_total', { service: 'gateway', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(
      sample('http_request_duration_seconds_count', {
        service: 'booking',
        method: 'POST',
        route: '/graphql',
        status_code: '200',
      }),
    ).toBeGreaterThan(0);
    expect(sample('queue_jobs', { queue: bookingQueue, state: 'completed' })).toBeGreaterThan(0);
    expect(sample('queue_lag_seconds', { queue: bookingQueue })).toBeGreaterThanOrEqual(0);
    expect(sample('outbox_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample('outbox_relay_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample('process_resident_memory_bytes')).toBeGreaterThan(0);

    const searching = await stack.prisma.booking.count({ where: { state: 'SEARCHING' } });
    expect((await stack.prisma.booking.findUnique({ where: { id: bookingId } }))?.state).toBe('SEARCHING');
    expect(sample('bookings', { state: 'SEARCHING' })).toBe(searching);
  });

  it('the Grafana dashboard queries only metrics the processes export', () => {
    const dashboard = JSON.parse(
      readFileSync(new URL('../../ops/grafana/dashboards/marketplace.json', import.meta.url), 'utf8'),
    ) as { panels: { targets: { expr: string }[] }[] };
    const exported = new Set(
      [...text.matchAll(/^# TYPE (\S+) (\w+)$/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!],
      ),
    );
    const PROMQL = new Set(['sum', 'by', 'rate', 'max', 'histogram_quantile', 'le']);
    const used = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) =>
        [...t.expr.replace(/\{[^}]*\}|\[[^\]]*\]|"[^"]*"/g, '').matchAll(/[a-z_]+/g)].map((m) => m[0]),
      ),
    );
    const metrics = used.filter(
      (w) =>
        !PROMQL.has(w) &&
        !['service', 'route', 'operation', 'code', 'queue', 'state', 'status', 'kind'].includes(w),
    );
    expect(metrics.length).toBeGreaterThan(10);
    expect(metrics.filter((m) => !exported.has(m))).toEqual([]);
  });
});
