import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse, visit } from 'graphql';
import type { Redis } from 'ioredis';
import { batchedRedisStore } from './batched-store.ts';

// Credential checks, and sign-up (which reveals whether an email has an account).
const SIGN_IN_FIELDS = new Set(['signIn', 'signUp', 'changePassword']);

/** True when the GraphQL document calls a credential-checking mutation, however it is aliased or formatted. */
export function callsSignIn(body: unknown): boolean {
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query !== 'string' || !/signIn|signUp|changePassword/.test(query)) return false;
  try {
    let found = false;
    visit(parse(query, { maxTokens: 2000 }), {
      Field(node) {
        if (SIGN_IN_FIELDS.has(node.name.value)) found = true;
      },
    });
    return found;
  } catch {
    return false; // unparsable documents are refused later with a parse error
  }
}

export interface RateLimitOptions {
  redis: Redis;
  prefix: string;
  /** Credential checks per client address and minute (exact, in Redis). */
  signInPerMinute: number;
  /** GraphQL requests per signed-in account and minute. */
  perUserPerMinute: number;
  /** GraphQL requests per address and minute when not signed in. */
  perIpPerMinute: number;
  /** How often each gateway adds its local counts to the shared Redis window. */
  flushMs: number;
}

/**
 * Limits shared by every gateway replica: a tight, exact one for credential
 * checks per address (the per-account lock lives in identity), and a generous
 * general one keyed by account when signed in (so an office or a carrier NAT
 * behind one address is not throttled together) and by address otherwise.
 * `req.ip` honours only the proxies named in TRUST_PROXY.
 */
export async function registerRateLimits(app: FastifyInstance, opts: RateLimitOptions): Promise<void> {
  const isSignIn = (req: FastifyRequest) => req.url.startsWith('/graphql') && callsSignIn(req.body);
  const Store = batchedRedisStore({
    redis: opts.redis,
    prefix: `${opts.prefix}:rl:`,
    flushMs: opts.flushMs,
    exactPrefixes: ['signin:'],
  });
  app.addHook('onClose', async () => Store.stop());
  await app.register(rateLimit, {
    hook: 'preHandler',
    store: Store,
    timeWindow: 60_000,
    keyGenerator: (req) => {
      if (isSignIn(req)) return `signin:${req.ip}`;
      return req.viewer ? `user:${req.viewer.userId}` : `ip:${req.ip}`;
    },
    max: (_req, key) =>
      key.startsWith('signin:')
        ? opts.signInPerMinute
        : key.startsWith('user:')
          ? opts.perUserPerMinute
          : opts.perIpPerMinute,
    allowList: (req) => req.url.startsWith('/health/') || req.method === 'OPTIONS',
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
