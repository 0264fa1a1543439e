/**
 * A stack of processes: its own Redis, a throwaway database on the machine's Postgres, and chosen services each in
 * its own process (as deployed), the gateway in front of the subgraphs. Every port from the caller's range.
 */
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@mm/db';
import { signGatewayAssertion, type Viewer } from '@mm/graphql-kit';
import { cpuMs, Processes, startNode, startRedis } from './infra.ts';
import type { StatementCounts } from './servers/counting.ts';
import { throwawayDatabase } from './support.ts';

export type ServiceRole = 'identity' | 'screening' | 'booking' | 'care' | 'payments';

export interface ServiceStack {
  env: Record<string, string>;
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrl: string;
  /** The bench's own client on the stack's database (for setup; not counted). */
  prisma: PrismaClient;
  /** Statements and transactions the `counted` service sent since the last reset (zeros without one). */
  counts(reset?: 'reset'): Promise<StatementCounts>;
  /** Process ids by role, and 'gateway'. */
  pids: Record<string, number>;
  /** CPU ms each process (by role, and 'gateway') has used so far; see cpuMs. */
  cpu(): Record<string, number>;
  /** A gateway identity assertion for `viewer`, to call a subgraph directly as the gateway would (60 s). */
  assertion(viewer: Viewer | null): string;
  stop(): Promise<void>;
}

export interface ServiceStackOptions {
  label: string;
  redisPort: number;
  /** The gateway's port; subgraphs take the next ones, in `roles` order. */
  firstPort: number;
  roles: ServiceRole[];
  /** On top of the bench defaults (rate limits out of the way, logs silent, production mode). */
  env?: Record<string, string>;
  /** Every service runs on the bench clock from this instant (default: the wall clock). */
  now?: Date;
  /** The service whose statements and transactions are counted (on the port after the subgraphs'). */
  counted?: ServiceRole;
  /** Node flags for the gateway process, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  gatewayNodeArgs?: string[];
}

export async function startServiceStack(opts: ServiceStackOptions): Promise<ServiceStack> {
  const procs = new Processes();
  try {
    const redis = procs.add(await startRedis(opts.redisPort));
    const db = await throwawayDatabase(opts.label);
    procs.add({ name: 'database', stop: db.drop });
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      GATEWAY_SHARED_SECRET: randomBytes(32).toString('hex'),
      HEALTH_DATA_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      // The bench measures the limiter's cost, not its refusals.
      GRAPHQL_RATE_LIMIT_PER_USER: '1000000000',
      GRAPHQL_RATE_LIMIT_PER_IP: '1000000000',
      SIGN_IN_ATTEMPTS_PER_MINUTE: '1000000',
      ...(opts.now ? { BENCH_NOW: opts.now.toISOString() } : {}),
      ...opts.env,
    };
    const counterPort = opts.firstPort + 1 + opts.roles.length;
    const subgraphUrls: Record<string, string> = {};
    const pids: Record<string, number> = {};
    for (const [i, role] of opts.roles.entries()) {
      const port = opts.firstPort + 1 + i;
      const base = `http://127.0.0.1:${port}`;
      const service = procs.add(
        await startNode({
          name: role,
          script: 'bench/servers/serve.ts',
          args: [role],
          env: {
            ...env,
            BENCH_PORT: String(port),
            ...(role === opts.counted ? { BENCH_COUNTER_PORT: String(counterPort) } : {}),
          },
          readyUrl: `${base}/health/live`,
        }),
      );
      subgraphUrls[role] = `${base}/graphql`;
      pids[role] = service.pid;
    }
    const gatewayBase = `http://127.0.0.1:${opts.firstPort}`;
    const gateway = procs.add(
      await startNode({
        name: 'gateway',
        script: 'bench/servers/serve.ts',
        args: ['gateway'],
        env: {
          ...env,
          BENCH_PORT: String(opts.firstPort),
          BENCH_SUBGRAPHS: JSON.stringify(Object.entries(subgraphUrls).map(([name, url]) => ({ name, url }))),
        },
        readyUrl: `${gatewayBase}/health/ready`,
        ...(opts.gatewayNodeArgs ? { nodeArgs: opts.gatewayNodeArgs } : {}),
      }),
    );
    pids.gateway = gateway.pid;
    return {
      env,
      pids,
      cpu: () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)])),
      gatewayUrl: `${gatewayBase}/graphql`,
      subgraphUrls,
      databaseUrl: db.url,
      prisma: db.prisma,
      async counts(reset) {
        if (!opts.counted) return { statements: 0, transactions: 0 };
        const res = await fetch(`http://127.0.0.1:${counterPort}/`, { method: reset ? 'POST' : 'GET' });
        return (await res.json()) as StatementCounts;
      },
      assertion: (viewer) => signGatewayAssertion(viewer, env.GATEWAY_SHARED_SECRET as string),
      stop: () => procs.stopAll(),
    };
  } catch (err) {
    await procs.stopAll();
    throw err;
  }
}

/** Signs an account up through the gateway, as an app would; its access token and id. */
export async function signUpThrough(
  gatewayUrl: string,
  role: 'CLIENT' | 'THERAPIST',
): Promise<{ id: string; accessToken: string }> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
      variables: {
        input: {
          email: `bench-${randomBytes(4).toString('hex')}@example.test`,
          password: 'correct horse battery staple',
          role,
          fullName: 'Bench Account',
        },
      },
    }),
  });
  const body = (await res.json()) as {
    data?: { signUp: { accessToken: string; user: { id: string } } };
  };
  if (!body.data) throw new Error(`signUp failed: ${JSON.stringify(body)}`);
  return { id: body.data.signUp.user.id, accessToken: body.data.signUp.accessToken };
}
