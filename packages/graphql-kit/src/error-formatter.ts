import { UnsupportedChannelError } from '@mm/queue';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import { ZodError } from 'zod';
import { isOverloaded, unavailableDependency } from './dependency.ts';
import { DomainError, ERROR_CODES, type ErrorCode } from './errors.ts';

const isKnownCode = (code: unknown): code is ErrorCode => typeof code === 'string' && code in ERROR_CODES;

const internal = (): GraphQLFormattedError => ({
  message: 'Something went wrong on our side. It has been logged; please try again.',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
});

const httpCodes: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'The request body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the GraphQL request as application/json.',
  },
};

interface SubgraphError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Errors relayed by the gateway from a subgraph were already formatted there. */
function formatRelayed(error: SubgraphError): GraphQLFormattedError {
  const code = error.extensions?.code;
  // A subgraph that could not be reached arrives as the transport error itself.
  if (!isKnownCode(code)) return transientFailure(error) ?? internal();
  if (code === 'INTERNAL_SERVER_ERROR') return internal();
  return {
    message: error.message,
    ...(error.path ? { path: error.path } : {}),
    extensions: error.extensions,
  };
}

function formatOne(error: GraphQLError, log: FastifyBaseLogger): GraphQLFormattedError[] {
  const original = error.originalError as
    | (Error & { errors?: unknown[]; code?: string; extensions?: { errors?: unknown } })
    | undefined;
  const where = {
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
  };

  const expected = formatExpected(original, where);
  if (expected) return [expected];
  // The gateway relays subgraph errors in a FederatedError's extensions.
  if (original && Array.isArray(original.extensions?.errors)) {
    return (original.extensions.errors as SubgraphError[]).map(formatRelayed);
  }
  // Mercurius wraps validation failures in `errors`.
  if (original && Array.isArray(original.errors)) {
    // Wrapped errors are GraphQLErrors; anything else was already serialised.
    return original.errors.flatMap((inner) =>
      inner instanceof Error
        ? formatOne(inner as GraphQLError, log)
        : [formatRelayed(inner as SubgraphError)],
    );
  }
  if (isKnownCode(error.extensions?.code)) {
    return [{ message: error.message, ...where, extensions: { code: error.extensions.code } }];
  }
  if (!original) {
    const code = error.message.startsWith('Syntax Error')
      ? 'GRAPHQL_PARSE_FAILED'
      : 'GRAPHQL_VALIDATION_FAILED';
    return [{ message: error.message, ...where, extensions: { code } }];
  }
  // Variable coercion failures arrive as a GraphQLError wrapped in another.
  if (original.name === 'GraphQLError') return formatOne(original as GraphQLError, log);
  return [formatUnexpected(original, where, log)];
}

type Where = Pick<GraphQLFormattedError, 'path' | 'locations'>;

/** Errors a resolver throws on purpose: domain rules and invalid input. */
function formatExpected(original: Error | undefined, where: Where): GraphQLFormattedError | null {
  if (original instanceof DomainError || original instanceof UnsupportedChannelError) {
    return { message: original.message, ...where, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ZodError) {
    const fields = original.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return {
      message: `Invalid input: ${fields.map((f) => `${f.path || 'input'}: ${f.message}`).join('; ')}`,
      ...where,
      extensions: { code: 'BAD_USER_INPUT', fields },
    };
  }
  return null;
}

/** Request failures, outages, and (otherwise) bugs. */
function formatUnexpected(
  original: Error & { code?: string },
  where: Where,
  log: FastifyBaseLogger,
): GraphQLFormattedError {
  // Failures before execution (bad JSON, oversize body, rate limit) reach
  // the formatter through mercurius's route error handler.
  const http = requestFailure(original);
  if (http) return { message: http.message, extensions: { code: http.code } };
  const transient = transientFailure(original);
  if (transient) {
    log.warn({ err: { message: original.message }, code: transient.extensions?.code }, 'transient failure');
    return { ...transient, ...where };
  }
  // Anything else is a bug: log it whole, tell the caller nothing internal.
  log.error({ err: original }, 'unhandled resolver error');
  return { ...internal(), ...where };
}

/** A dependency outage or saturation: retryable, never INTERNAL_SERVER_ERROR. */
export function transientFailure(err: unknown): GraphQLFormattedError | null {
  if (isOverloaded(err)) {
    return { message: ERROR_CODES.OVERLOADED, extensions: { code: 'OVERLOADED', retryable: true } };
  }
  const dependency = unavailableDependency(err);
  if (dependency) {
    return {
      message: ERROR_CODES.SERVICE_UNAVAILABLE,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, dependency },
    };
  }
  return null;
}

const requestErrorCodes = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COMPLEX',
]);

/** The one mapping from thrown errors to GraphQL errors, used by every subgraph and the gateway. */
export function formatExecutionErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  log: FastifyBaseLogger,
): { statusCode: number; response: FormattedExecutionResult } {
  const errors = execution.errors.flatMap((e) => formatOne(e, log));
  const http = execution.errors.length === 1 && execution.errors[0]?.originalError;
  const failure = http ? requestFailure(http) : null;
  if (failure) return { statusCode: failure.status, response: { data: null, errors } };
  // A document that never executed is the client's fault (400); otherwise
  // GraphQL-over-HTTP says 200 with errors beside the data.
  const rejected = !execution.data && errors.every((e) => requestErrorCodes.has(String(e.extensions?.code)));
  return { statusCode: rejected ? 400 : 200, response: { data: execution.data ?? null, errors } };
}

function requestFailure(error: { code?: string; statusCode?: number; message: string }) {
  const known = error.code ? httpCodes[error.code] : undefined;
  if (known) return known;
  if (error.statusCode === 429) return { status: 429, code: 'RATE_LIMITED' as const, message: error.message };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'BAD_REQUEST' as const, message: error.message };
  }
  return null;
}

/** Fastify-level failures (bad JSON, oversize bodies) in the same GraphQL error shape, never with a stack. */
export function httpErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const failure = requestFailure(error);
  if (failure) {
    void reply
      .code(failure.status)
      .send({ data: null, errors: [{ message: failure.message, extensions: { code: failure.code } }] });
    return;
  }
  const transient = transientFailure(error);
  if (transient) {
    void reply
      .code(503)
      .header('retry-after', '2')
      .send({ data: null, errors: [transient] });
    return;
  }
  request.log.error({ err: error }, 'unhandled request error');
  void reply.code(500).send({ data: null, errors: [internal()] });
}
