import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

// OpenTelemetry through the API only: without a registered provider every
// call below is a no-op, so tracing is off unless a process turns it on.

/**
 * Turns tracing on for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set
 * (spans go there over OTLP/HTTP; the exporter reads the standard OTEL_* variables),
 * or when a test passes its own span processors.
 */
export function startTracing(
  service: string,
  opts: { env?: NodeJS.ProcessEnv; spanProcessors?: SpanProcessor[] } = {},
): NodeTracerProvider | null {
  const env = opts.env ?? process.env;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !opts.spanProcessors) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? `mm-${service}` }),
    spanProcessors: opts.spanProcessors ?? [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return provider;
}

/** The W3C `traceparent` (and `tracestate`) of the active span, to carry in headers, events and jobs. */
export function traceCarrier(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** Runs `fn` in a span that continues the trace in `carrier` (a job's or event's), ending it after. */
export async function inSpan<T>(
  tracerName: string,
  name: string,
  opts: {
    carrier?: Record<string, unknown> | undefined;
    kind?: SpanKind;
    attributes?: Record<string, string>;
  },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = opts.carrier ? propagation.extract(ROOT_CONTEXT, opts.carrier) : context.active();
  const span = trace
    .getTracer(tracerName)
    .startSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes ?? {} }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
}
