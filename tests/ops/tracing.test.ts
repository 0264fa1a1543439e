import { seedDemoIntake } from '@mm/booking/src/modules/intake/intake.seed.ts';
import { startTracing } from '@mm/graphql-kit';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingInput, REQUEST_BOOKING, rawId, saveClientAddress } from '../booking/helpers.ts';
import { eventually, type Stack, startStack, TestClock } from '../harness/index.ts';
import { clientWithCard } from '../payments/helpers.ts';

// Tracing is off unless turned on; here it exports to memory for the whole in-process stack.
const exporter = new InMemorySpanExporter();
const provider = startTracing('test', { spanProcessors: [new SimpleSpanProcessor(exporter)] });
const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking', 'payments'], workers: true, now: clock.now });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await provider?.shutdown();
});

const scope = (s: ReadableSpan) => s.instrumentationScope.name;

describe('one booking, one trace', () => {
  it('spans the gateway, booking, the outbox relay, payments and the jobs it leads to', async () => {
    const client = await clientWithCard(stack);
    await seedDemoIntake({
      prisma: stack.prisma,
      config: stack.config,
      now: clock.now(),
      accounts: { client: { userId: rawId(client.id) } },
    });
    const address = await saveClientAddress(stack, client);
    exporter.reset();

    const res = await stack.gql<{ requestBooking: { booking: { id: string } } }>(
      REQUEST_BOOKING,
      { input: bookingInput(clock, address) },
      { token: client.accessToken },
    );
    expect(res.errors, res.raw).toBeUndefined();
    const bookingId = rawId(res.data!.requestBooking.booking.id);

    // payments places the hold on booking's event.
    await eventually(
      async () => (await stack.prisma.bookingPayment.findUnique({ where: { bookingId } }))?.status === 'HELD',
      'the card hold',
      { timeoutMs: 30_000 },
    );
    const spans = await eventually(
      async () => {
        const all = exporter.getFinishedSpans();
        const root = all.find(
          (s) => scope(s) === 'gateway' && s.attributes['graphql.operation.name'] === 'Request',
        );
        if (!root) return null;
        const trace = all.filter((s) => s.spanContext().traceId === root.spanContext().traceId);
        const consumed = trace.some((s) => scope(s) === 'payments' && s.name === 'consume booking.requested');
        // A job written with enqueueJob on the way (booking's dispatch step) runs in the same trace.
        const job = trace.some((s) => s.name.startsWith('job booking-dispatch/'));
        return consumed && job ? trace : null;
      },
      "payments' consumer of booking.requested and booking's dispatch job in the gateway request's trace",
      { timeoutMs: 30_000 },
    );

    const byScope = (name: string) => spans.filter((s) => scope(s) === name);
    expect(byScope('gateway').map((s) => s.kind)).toContain(SpanKind.SERVER);
    // The gateway called booking (and identity, for the address) over HTTP: server spans there.
    expect(byScope('booking').some((s) => s.kind === SpanKind.SERVER && s.name === 'POST /graphql')).toBe(
      true,
    );
    expect(byScope('relay').map((s) => s.kind)).toContain(SpanKind.PRODUCER);
    const job = spans.find((s) => s.name === 'job booking-dispatch/dispatch-step');
    expect(job && scope(job)).toBe('booking');
    expect(job?.kind).toBe(SpanKind.CONSUMER);
    const paymentsConsumers = byScope('payments').filter((s) => s.kind === SpanKind.CONSUMER);
    expect(paymentsConsumers.length).toBeGreaterThan(0);
    // Every span but the gateway's root has its parent inside the same trace: nothing was cut.
    const ids = new Set(spans.map((s) => s.spanContext().spanId));
    const orphans = spans.filter((s) => s.parentSpanContext && !ids.has(s.parentSpanContext.spanId));
    expect(orphans.map((s) => `${scope(s)} ${s.name}`)).toEqual([]);
    expect(spans.filter((s) => !s.parentSpanContext).map(scope)).toEqual(['gateway']);
  }, 90_000);
});
