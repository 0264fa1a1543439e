import { type Config, loadConfig } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import type { Closable } from '@mm/graphql-kit';
import { createRedis, OutboxRelay } from '@mm/queue';
import { suiteNow } from '@mm/testing';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';

export type SubgraphName = 'identity' | 'booking' | 'screening' | 'care' | 'payments';

export interface AppDeps {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  now?: () => Date;
}

export interface WorkerDeps {
  config: Config;
  now?: () => Date;
}

// The harness is the one place that knows every service; services never import
// each other. Each service exports its app factory from `@mm/<service>/app` and
// its workers from `@mm/<service>/workers`.
const subgraphFactories: Record<SubgraphName, () => Promise<(deps: AppDeps) => Promise<FastifyInstance>>> = {
  identity: async () => (await import('@mm/identity/app')).buildIdentityApp,
  care: async () => (await import('@mm/care/app')).buildCareApp,
  booking: async () => (await import('@mm/booking/app')).buildBookingApp,
  screening: async () => (await import('@mm/screening/app')).buildScreeningApp,
  payments: async () => (await import('@mm/payments/app')).buildPaymentsApp,
};

const workerFactories: Record<SubgraphName, () => Promise<(deps: WorkerDeps) => Promise<Closable>>> = {
  identity: async () => (await import('@mm/identity/workers')).startIdentityWorkers,
  care: async () => (await import('@mm/care/workers')).startCareWorkers,
  booking: async () => (await import('@mm/booking/workers')).startBookingWorkers,
  screening: async () => (await import('@mm/screening/workers')).startScreeningWorkers,
  payments: async () => (await import('@mm/payments/workers')).startPaymentsWorkers,
};

/** The local Stripe server a stack with payments runs (see @mm/stripe-emulator). */
export type StackStripeEmulator = Awaited<
  ReturnType<typeof import('@mm/stripe-emulator').startStripeEmulator>
>;
const STACK_WEBHOOK_SECRET = 'whsec_stack_test_secret';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }[];
  raw: string;
}

export interface Stack {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  gateway: FastifyInstance;
  subgraphs: Record<string, { app: FastifyInstance; url: string }>;
  /** Present when payments runs: the emulator it talks to, with its test controls. */
  readonly stripe?: StackStripeEmulator | undefined;
  /**
   * Stops the Stripe emulator and starts it again on the same port from its state file
   * (`stripeStateFile`), as a restarted `npm start` would; `stripe` then names the new one.
   */
  restartStripe(): Promise<void>;
  /** The clock every service, worker and the Stripe server of this stack runs on. */
  now: () => Date;
  /** POSTs a GraphQL document to the gateway, as a client app would. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface StackOptions {
  subgraphs?: SubgraphName[];
  env?: Record<string, string>;
  /** Defaults to the suite's present: the real clock, or TEST_NOW running forward. */
  now?: () => Date;
  /** Also run the outbox relay and every started service's workers, for flows that cross services. */
  workers?: boolean;
  /** Keep the Stripe emulator's state in this file, so `restartStripe` can bring it back. */
  stripeStateFile?: string;
}

type StripeStartOptions = Parameters<typeof import('@mm/stripe-emulator').startStripeEmulator>[0];

async function startStackStripe(options: StripeStartOptions): Promise<StackStripeEmulator> {
  return (await import('@mm/stripe-emulator')).startStripeEmulator(options);
}

/** Starts real subgraphs on loopback ports and the gateway in front of them. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  // Tests sign many accounts up from one address; the sign-in limit has its own test.
  const names = opts.subgraphs ?? (Object.keys(subgraphFactories) as SubgraphName[]);
  const now = opts.now ?? suiteNow;
  // Payments gets its own Stripe emulator; its webhook endpoint is set once payments listens.
  const stripeOptions: NonNullable<StripeStartOptions> = {
    port: 0,
    // Stripe's clock starts where ours is, so hold ages agree with our policy windows.
    clock: { start: Math.floor(now().getTime() / 1000) },
    delivery: { retryDelaysMs: [100, 300, 1000], maxAttempts: 6 },
    ...(opts.stripeStateFile ? { stateFile: opts.stripeStateFile } : {}),
  };
  let stripe = names.includes('payments') ? await startStackStripe(stripeOptions) : undefined;
  let webhookUrl: string | null = null;
  const stripeEnv: Record<string, string> = stripe
    ? { STRIPE_API_URL: stripe.url, STRIPE_WEBHOOK_SECRET: STACK_WEBHOOK_SECRET }
    : {};
  const config = loadConfig({
    SIGN_IN_ATTEMPTS_PER_MINUTE: '10000',
    ...process.env,
    ...stripeEnv,
    ...opts.env,
  });
  const prisma = createPrismaClient({
    databaseUrl: config.DATABASE_URL,
    poolSize: 5,
    connectionTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
  });
  const redis = createRedis({ redisUrl: config.REDIS_URL });
  const subgraphs: Stack['subgraphs'] = {};
  for (const name of names) {
    const build = await subgraphFactories[name]();
    const app = await build({ config, prisma, redis, now });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    subgraphs[name] = { app, url: `${address}/graphql` };
    if (name === 'payments' && stripe) {
      webhookUrl = `${address}/webhooks/stripe`;
      await stripe.control.setWebhook({ url: webhookUrl, secret: STACK_WEBHOOK_SECRET });
    }
  }
  const background: Closable[] = [];
  if (opts.workers) {
    for (const name of Object.keys(subgraphs) as SubgraphName[]) {
      const start = await workerFactories[name]();
      background.push(await start({ config, now }));
    }
    const relay = new OutboxRelay({
      prisma,
      connection: redis,
      prefix: config.QUEUE_PREFIX,
      pollIntervalMs: 50,
      ...(opts.now ? { now: opts.now } : {}),
    });
    relay.start();
    background.push({ close: () => relay.stop() });
  }
  const { buildGatewayApp } = await import('@mm/gateway/app');
  const gateway = await buildGatewayApp({
    config,
    redis,
    services: Object.entries(subgraphs).map(([name, s]) => ({ name, url: s.url })),
  });
  await gateway.ready();

  return {
    config,
    prisma,
    redis,
    gateway,
    subgraphs,
    now,
    get stripe() {
      return stripe;
    },
    async restartStripe() {
      if (!stripe || !opts.stripeStateFile)
        throw new Error('restartStripe needs payments and stripeStateFile');
      const port = stripe.port;
      await stripe.close();
      stripe = await startStackStripe({ ...stripeOptions, port });
      const target = { url: webhookUrl as string, secret: STACK_WEBHOOK_SECRET };
      // The first call may go out on a pooled connection the old server closed.
      await stripe.control.setWebhook(target).catch(() => stripe?.control.setWebhook(target));
    },
    async gql(query, variables, o) {
      const res = await gateway.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(o?.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...o?.headers,
        },
        payload: JSON.stringify({ query, variables }),
      });
      const body = JSON.parse(res.body) as { data: never; errors?: GraphQLResponse['errors'] };
      return {
        status: res.statusCode,
        data: body.data ?? null,
        ...(body.errors ? { errors: body.errors } : {}),
        raw: res.body,
      };
    },
    async close() {
      for (const b of background.reverse()) await b.close();
      await gateway.close();
      for (const s of Object.values(subgraphs)) await s.app.close();
      await stripe?.close();
      await prisma.$disconnect();
      redis.disconnect();
    },
  };
}
