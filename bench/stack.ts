/**
 * The booking subgraph (and identity, when asked) behind the gateway, each in its own process as deployed (see
 * service-stack.ts), on the bench's clock, with booking's statements and transactions counted. Access tokens are
 * signed directly with the stack's JWT secret (no sign-up round trips in the bench's setup).
 */
import { type Config, loadConfig } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { signAccessToken, type Viewer } from '@mm/graphql-kit';
import type { StatementCounts } from './servers/counting.ts';
import { type ServiceRole, startServiceStack } from './service-stack.ts';
import { BENCH_NOW } from './support.ts';

export interface BenchStack {
  /** The services' configuration (their secrets and keys), for setup that encrypts or signs as they do. */
  config: Config;
  /** The bench's own client on the stack's database, for setup (not counted). */
  prisma: PrismaClient;
  /** What the booking process sent since the last reset; `'reset'` starts a new count. */
  counts(reset?: 'reset'): Promise<StatementCounts>;
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

export async function startBenchStack(
  label: string,
  /** The gateway on firstPort, booking (then identity) on the next ones, booking's counter after them. */
  ports: { firstPort: number; redisPort: number },
  opts: { identity?: boolean } = {},
): Promise<BenchStack> {
  const roles: ServiceRole[] = opts.identity ? ['booking', 'identity'] : ['booking'];
  const stack = await startServiceStack({
    label,
    ...ports,
    roles,
    now: BENCH_NOW,
    counted: 'booking',
    // The bench measures the path, not the shedding.
    env: { MAX_IN_FLIGHT: '100000' },
  });
  const config = loadConfig({ ...process.env, ...stack.env });
  return {
    config,
    prisma: stack.prisma,
    counts: stack.counts,
    url: stack.gatewayUrl,
    token: (viewer) => signAccessToken(viewer, config.JWT_SECRET, 3600),
    async gql(query, variables, token) {
      const res = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlBody;
    },
    close: stack.stop,
  };
}
