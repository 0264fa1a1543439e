import { operationOf } from '@mm/telemetry';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    otelSpan?: Span;
  }
}

/** A server span per request, continuing the caller's trace; resolvers run inside it. */
export function traceRequests(app: FastifyInstance, service: string): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = trace.getTracer(service).startSpan(
      `${request.method} ${request.url.split('?')[0]}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'mm.request_id': request.id },
      },
      parent,
    );
    request.otelSpan = span;
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = request.otelSpan;
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (request.method === 'POST' && request.url.startsWith('/graphql')) {
      const { operation, type } = operationOf(request.body);
      span.setAttributes({ 'graphql.operation.name': operation, 'graphql.operation.type': type });
    }
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
