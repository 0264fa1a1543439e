import type { ErrorCode } from '@mm/graphql-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, Lexer, parse, Source, TokenKind } from 'graphql';

/**
 * GraphQL over HTTP at the gateway: content negotiation, status codes by
 * media type, and checks of the request's shape before GraphQL sees it.
 *
 * - `Accept: application/graphql-response+json` gets that media type, 4xx
 *   for a request that never executed, and no `data` entry then.
 * - `Accept: application/json` (or any) gets application/json and 200 with
 *   errors, as the spec asks for legacy clients. No Accept header: JSON with
 *   the 4xx codes.
 * - `query` must be a string, `variables`/`extensions` objects (null allowed),
 *   `operationName` a string; otherwise 400 BAD_REQUEST.
 * - A long document is lexed first (linear, no recursion): too many tokens or
 *   brackets nested too deep is refused before any parser recursion.
 */
export type ResponseMode = 'graphql-response' | 'json' | 'default';

declare module 'fastify' {
  interface FastifyRequest {
    graphqlMode: ResponseMode;
  }
}

const GQL_RESPONSE = 'application/graphql-response+json';

/** The best media type the client accepts, or null when it accepts neither. */
export function negotiate(accept: string | undefined): ResponseMode | null {
  if (!accept || accept.trim() === '') return 'default';
  let best: { mode: ResponseMode; q: number } | null = null;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const mode: ResponseMode | null =
      type === GQL_RESPONSE
        ? 'graphql-response'
        : type === 'application/json' || type === 'application/*' || type === '*/*'
          ? 'json'
          : null;
    if (!mode) continue;
    if (!best || q > best.q || (q === best.q && mode === 'graphql-response' && type === GQL_RESPONSE))
      best = { mode, q };
  }
  return best?.mode ?? null;
}

const isObjectOrNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v));

function parseJsonParam(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return Symbol.for('invalid');
  }
}

// JSON text starts with one of these (after whitespace), and an object's `{` with `"` or `}`; GraphQL
// source (`{ me }`, `query …`) almost never does, so the common case skips JSON.parse and its exception.
const JSON_START = /^[\s]*(?:[[\-0-9"tfn]|\{[\s]*["}])/;

function isJson(text: string): boolean {
  if (!JSON_START.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

type Problem = { code: ErrorCode; message: string };

/** What is wrong with the request's GraphQL parameters, if anything. */
export function requestShapeProblem(
  params: Record<string, unknown>,
  limits: { maxTokens: number; maxNesting: number },
): Problem | null {
  const { query, variables, operationName, extensions } = params;
  if (typeof query !== 'string' || query.trim() === '')
    return { code: 'BAD_REQUEST', message: 'Send the GraphQL document as a non-empty string in "query".' };
  if (!isObjectOrNull(variables))
    return { code: 'BAD_REQUEST', message: '"variables" must be a JSON object (or null).' };
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return { code: 'BAD_REQUEST', message: '"operationName" must be a string (or null).' };
  if (!isObjectOrNull(extensions))
    return { code: 'BAD_REQUEST', message: '"extensions" must be a JSON object (or null).' };
  // Mercurius falls back to reading an unparsable document as a JSON AST; a
  // client-made AST skips the parser (and its limits), so JSON is refused here.
  // Real GraphQL fails JSON.parse at its first or second character.
  if (isJson(query))
    return {
      code: 'GRAPHQL_PARSE_FAILED',
      message: 'Syntax Error: "query" must be GraphQL source text, not JSON.',
    };
  return firstTokenProblem(query) ?? (query.length > 1000 ? sizeProblem(query, limits) : null);
}

/** An executable document starts with `{` or a keyword; anything else is refused before the parser sees it. */
function firstTokenProblem(query: string): Problem | null {
  try {
    const first = new Lexer(new Source(query)).advance();
    if (first.kind !== TokenKind.BRACE_L && first.kind !== TokenKind.NAME)
      return {
        code: 'GRAPHQL_PARSE_FAILED',
        message:
          'Syntax Error: a GraphQL document starts with "{", query, mutation, subscription or fragment.',
      };
  } catch {
    return {
      code: 'GRAPHQL_PARSE_FAILED',
      message: 'Syntax Error: the document does not start with a GraphQL token.',
    };
  }
  return null;
}

/** Token count and nesting, by lexing; short documents cannot reach the limits, so only long ones pay. */
function sizeProblem(query: string, limits: { maxTokens: number; maxNesting: number }): Problem | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) {
      if (++tokens > limits.maxTokens)
        return {
          code: 'QUERY_TOO_COMPLEX',
          message: `This document has more than ${limits.maxTokens} tokens.`,
        };
      if (t.kind === TokenKind.BRACE_L || t.kind === TokenKind.BRACKET_L || t.kind === TokenKind.PAREN_L) {
        if (++nesting > limits.maxNesting)
          return {
            code: 'QUERY_TOO_DEEP',
            message: `This document nests more than ${limits.maxNesting} levels.`,
          };
      } else if (
        t.kind === TokenKind.BRACE_R ||
        t.kind === TokenKind.BRACKET_R ||
        t.kind === TokenKind.PAREN_R
      ) {
        nesting--;
      }
    }
  } catch {
    return null; // a syntax error: the parser reports it with its position
  }
  return null;
}

const DOCUMENT_ERRORS = new Set<ErrorCode>(['GRAPHQL_PARSE_FAILED', 'QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX']);

// A document error is a GraphQL response: 200 for application/json clients (as the spec asks), 400 otherwise.
const reject = (reply: FastifyReply, status: number, code: ErrorCode, message: string) => {
  const legacy = DOCUMENT_ERRORS.has(code) && reply.request.graphqlMode === 'json';
  return reply
    .code(legacy ? 200 : status)
    .send({ ...(legacy ? { data: null } : {}), errors: [{ message, extensions: { code } }] });
};

/** A GET's parameters come from the query string, and a GET may carry queries only (proxies cache and log it). */
async function checkGet(
  request: FastifyRequest,
  reply: FastifyReply,
  limits: { maxTokens: number; maxNesting: number },
) {
  const params = { ...(request.query as Record<string, unknown>) };
  params.variables = parseJsonParam(params.variables);
  params.extensions = parseJsonParam(params.extensions);
  const problem = requestShapeProblem(params, limits);
  if (problem) return reject(reply, 400, problem.code, problem.message);
  // GETs are rare, so parsing here to learn the operation's kind costs little.
  let operation: ReturnType<typeof getOperationAST> = null;
  try {
    const name = typeof params.operationName === 'string' ? params.operationName : undefined;
    operation = getOperationAST(parse(params.query as string, { maxTokens: limits.maxTokens }), name);
  } catch {
    return; // syntax errors are reported by the GraphQL pipeline
  }
  if (!operation) return reject(reply, 400, 'BAD_REQUEST', 'Name the operation to run with "operationName".');
  if (operation.operation !== 'query') {
    reply.header('allow', 'POST');
    return reject(
      reply,
      405,
      'METHOD_NOT_ALLOWED',
      `A ${operation.operation} must be sent with POST; GET carries queries only.`,
    );
  }
}

export function registerGraphqlHttp(app: FastifyInstance, limits: { maxTokens: number; maxNesting: number }) {
  app.decorateRequest('graphqlMode', 'default');

  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url !== '/graphql') return;
    // Subscriptions over WebSocket speak graphql-ws, not GraphQL over HTTP.
    if (request.headers.upgrade?.toLowerCase() === 'websocket') return;
    const mode = negotiate(request.headers.accept);
    if (!mode)
      return reject(
        reply,
        406,
        'NOT_ACCEPTABLE',
        'Accept application/graphql-response+json or application/json.',
      );
    request.graphqlMode = mode;
    if (request.method === 'POST') {
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return reject(reply, 400, 'BAD_REQUEST', 'Send one GraphQL request as a JSON object.');
      const params = body as Record<string, unknown>;
      const problem = requestShapeProblem(params, limits);
      if (problem) return reject(reply, 400, problem.code, problem.message);
      // GraphQL over HTTP allows null; mercurius's body schema does not.
      for (const key of ['extensions', 'variables', 'operationName'] as const) {
        if (params[key] === null) delete params[key];
      }
    } else if (request.method === 'GET') {
      return checkGet(request, reply, limits);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.graphqlMode === 'graphql-response' && request.routeOptions.url === '/graphql') {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('application/json')) reply.header('content-type', `${GQL_RESPONSE}; charset=utf-8`);
    }
    return payload;
  });
}

/** The request never executed (parse, validation, variables): its status and shape depend on the media type. */
export function adaptToMode<R extends { data?: unknown }>(
  mode: ResponseMode,
  result: { statusCode: number; response: R },
): { statusCode: number; response: R } {
  const neverExecuted = result.statusCode === 400 && !result.response.data;
  if (!neverExecuted) return result;
  if (mode === 'json') return { statusCode: 200, response: result.response };
  if (mode === 'graphql-response') {
    const { data: _data, ...rest } = result.response;
    return { statusCode: 400, response: rest as R };
  }
  return result;
}
