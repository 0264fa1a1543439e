import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse, visit } from 'graphql';
import type { Redis } from 'ioredis';

// Credential checks, and sign-up (which reveals whether an email has an account).
const SIGN_IN_FIELDS = new Set(['signIn', 'signUp']);

/** True when the GraphQL document calls a credential-checking mutation, however it is aliased or formatted. */
export function callsSignIn(body: unknown): boolean {
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query !== 'string' || !/signIn|signUp/.test(query)) return false;
  try {
    let found = false;
    visit(parse(query), {
      Field(node) {
        if (SIGN_IN_FIELDS.has(node.name.value)) found = true;
      },
    });
    return found;
  } catch {
    return false; // unparsable documents are refused later with a parse error
  }
}

/**
 * Per-IP limits in Redis, shared by every gateway replica: a generous one
 * for all requests and a tight one for sign-in attempts (credential stuffing).
 */
export async function registerRateLimits(
  app: FastifyInstance,
  opts: { redis: Redis; signInPerMinute: number; requestsPerMinute?: number; prefix: string },
): Promise<void> {
  const isSignIn = (req: FastifyRequest) => req.url.startsWith('/graphql') && callsSignIn(req.body);
  await app.register(rateLimit, {
    hook: 'preHandler',
    redis: opts.redis,
    nameSpace: `${opts.prefix}:rl:`,
    timeWindow: '1 minute',
    keyGenerator: (req) => (isSignIn(req) ? `signin:${req.ip}` : `all:${req.ip}`),
    max: (req) => (isSignIn(req) ? opts.signInPerMinute : (opts.requestsPerMinute ?? 1200)),
    allowList: (req) => req.url.startsWith('/health/'),
    errorResponseBuilder: (req, context) => {
      const what = isSignIn(req) ? 'sign-in attempts' : 'requests';
      const error = new Error(
        `Too many ${what}. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ) as Error & {
        statusCode: number;
      };
      error.statusCode = 429;
      return error;
    },
  });
}
