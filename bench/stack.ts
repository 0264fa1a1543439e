/**
 * The booking subgraph (and identity, when asked) behind the gateway on the bench's own loopback ports (14200–14299), on a throwaway
 * database, with a Prisma client that counts every statement and transaction it sends. Access tokens are
 * signed directly with the stack's JWT secret (no sign-up round trips in the bench's setup).
 */
import type { Config } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { signAccessToken, type Viewer } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildBookingApp } from '../services/booking/src/app.ts';
import { buildGatewayApp } from '../services/gateway/src/app.ts';
import { buildIdentityApp } from '../services/identity/src/app.ts';
import { benchConfig, throwawayDatabase } from './support.ts';

export interface StatementCounter {
  statements: number;
  transactions: number;
  reset(): void;
}

export interface BenchStack {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  counter: StatementCounter;
  url: string;
  token(viewer: Viewer): string;
  /** POSTs one GraphQL document to the gateway over HTTP; resolves with the parsed body. */
  gql(query: string, variables: Record<string, unknown>, token?: string): Promise<GqlBody>;
  close(): Promise<void>;
}

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Limits that would shed the bench's own concurrency (it measures the path, not the shedding). */
const UNSHED = {
  MAX_IN_FLIGHT: '100000',
  GRAPHQL_RATE_LIMIT_PER_USER: '100000000',
  GRAPHQL_RATE_LIMIT_PER_IP: '100000000',
};

export async function startBenchStack(
  label: string,
  /** identity runs too when it has a port (for `me` and sign-up). */
  ports: { gateway: number; booking: number; identity?: number },
  now?: () => Date,
): Promise<BenchStack> {
  const db = await throwawayDatabase(label);
  const config = benchConfig(db.url, UNSHED);
  const counter: StatementCounter = {
    statements: 0,
    transactions: 0,
    reset() {
      this.statements = 0;
      this.transactions = 0;
    },
  };
  const prisma = createPrismaClient({
    databaseUrl: db.url,
    poolSize: config.DATABASE_POOL_SIZE,
    connectionTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
    onQuery: (sql) => {
      if (!/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(sql)) counter.statements++;
    },
  });
  // Every interactive or batch transaction the services open goes through $transaction: count them there.
  const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(prisma, {
    $transaction: (...args: unknown[]) => {
      counter.transactions++;
      return transaction(...args);
    },
  });
  const redis = createRedis({ redisUrl: config.REDIS_URL });
  const booking: FastifyInstance = await buildBookingApp({ config, prisma, redis, ...(now ? { now } : {}) });
  const bookingUrl = await booking.listen({ host: '127.0.0.1', port: ports.booking });
  const services = [{ name: 'booking', url: `${bookingUrl}/graphql` }];
  const apps = [booking];
  if (ports.identity !== undefined) {
    const identity = await buildIdentityApp({ config, prisma, redis, ...(now ? { now } : {}) });
    const identityUrl = await identity.listen({ host: '127.0.0.1', port: ports.identity });
    services.push({ name: 'identity', url: `${identityUrl}/graphql` });
    apps.push(identity);
  }
  const gateway = await buildGatewayApp({ config, redis, services });
  const url = `${await gateway.listen({ host: '127.0.0.1', port: ports.gateway })}/graphql`;
  return {
    config,
    prisma,
    redis,
    counter,
    url,
    token: (viewer) => signAccessToken(viewer, config.JWT_SECRET, 3600),
    async gql(query, variables, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlBody;
    },
    async close() {
      await gateway.close();
      for (const app of apps) await app.close();
      await prisma.$disconnect();
      redis.disconnect();
      await db.drop();
    },
  };
}
