/**
 * The gateway's own cost: `me` through the gateway against the identity subgraph asked directly (with the
 * assertion the gateway would send), and a federated query (identity, then screening) against that direct
 * `me`. Every service in its own process on loopback; autocannon closed-loop load from this process.
 */
import { fromGlobalId } from '@mm/graphql-kit';
import type { BenchPath, Figure } from '../framework.ts';
import { expectData, type GraphQLTarget, load } from '../load.ts';
import { type ServiceStack, signUpThrough, startServiceStack } from '../service-stack.ts';

const SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 20);
const ME = '{ me { id email role } }';
const FEDERATED = '{ me { id therapistApplication { status } } }';

let stack: ServiceStack | null = null;
let account: { id: string; accessToken: string } | null = null;

const targets = () => {
  if (!stack || !account) throw new Error('gateway bench is not set up');
  const bearer = { authorization: `Bearer ${account.accessToken}` };
  const identity = stack.subgraphUrls.identity as string;
  const assertion = stack.assertion({ userId: fromGlobalId('User', account.id), role: 'THERAPIST' });
  return {
    direct: { url: identity, query: ME, headers: { 'x-mm-gateway-assertion': assertion } },
    gateway: { url: stack.gatewayUrl, query: ME, headers: bearer },
    federated: { url: stack.gatewayUrl, query: FEDERATED, headers: bearer },
  } satisfies Record<string, GraphQLTarget>;
};

/** One load, with the CPU ms per request the gateway and identity processes spent on it (see cpuMs). */
async function run(t: GraphQLTarget) {
  const before = stack?.cpu() ?? {};
  const result = await load(t, { seconds: SECONDS, connections: CONNECTIONS });
  const after = stack?.cpu() ?? {};
  const per = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) / Math.max(1, result.requests);
  return {
    ...result,
    gatewayCpu: per('gateway'),
    identityCpu: per('identity'),
    screeningCpu: per('screening'),
  };
}

const gateway: BenchPath = {
  name: 'gateway',
  description: `me and a federated query through the gateway vs identity direct (${CONNECTIONS} connections, ${SECONDS} s each)`,
  async setup() {
    stack = await startServiceStack({
      label: 'gateway',
      redisPort: 6400,
      firstPort: 14100,
      roles: ['identity', 'screening'],
      ...(process.env.BENCH_GATEWAY_PROFILE
        ? { gatewayNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_GATEWAY_PROFILE}`] }
        : {}),
    });
    account = await signUpThrough(stack.gatewayUrl, 'THERAPIST');
    // The DRAFT application screening's user.registered consumer opens (no workers run here).
    const therapistId = fromGlobalId('User', account.id);
    await stack.prisma.therapistApplication.create({ data: { therapistId } });
    const t = targets();
    for (const target of Object.values(t)) await expectData(target);
    // Warm every path (JIT, connection pools) before the first measured round.
    for (const target of Object.values(t)) await load(target, { seconds: 1, connections: CONNECTIONS });
  },
  async round(): Promise<Figure[]> {
    const t = targets();
    const direct = await run(t.direct);
    const through = await run(t.gateway);
    const federated = await run(t.federated);
    const ref = 'identity direct';
    return [
      {
        metric: 'me throughput',
        unit: 'req/s',
        subject: through.rps,
        reference: direct.rps,
        referenceLabel: ref,
        better: 'higher',
        target: 0.75,
      },
      {
        metric: 'me p99',
        unit: 'ms',
        subject: through.p99,
        reference: direct.p99,
        referenceLabel: ref,
        better: 'lower',
      },
      {
        metric: 'federated p99',
        unit: 'ms',
        subject: federated.p99,
        reference: direct.p99,
        referenceLabel: ref,
        better: 'lower',
        target: 2,
      },
      {
        metric: 'me CPU per request (gateway + identity)',
        unit: 'ms',
        subject: through.gatewayCpu + through.identityCpu,
        reference: direct.identityCpu,
        referenceLabel: ref,
        better: 'lower',
      },
      {
        metric: 'gateway CPU per me request',
        unit: 'ms',
        subject: through.gatewayCpu,
        reference: direct.identityCpu,
        referenceLabel: ref,
        better: 'lower',
      },
      {
        metric: 'gateway CPU per federated request',
        unit: 'ms',
        subject: federated.gatewayCpu,
        reference: direct.identityCpu,
        referenceLabel: ref,
        better: 'lower',
      },
      {
        metric: 'screening CPU per federated request',
        unit: 'ms',
        subject: federated.screeningCpu,
        reference: direct.identityCpu,
        referenceLabel: ref,
        better: 'lower',
      },
      {
        metric: 'federated throughput',
        unit: 'req/s',
        subject: federated.rps,
        reference: direct.rps,
        referenceLabel: ref,
        better: 'higher',
      },
    ];
  },
  async teardown() {
    await stack?.stop();
    stack = null;
  },
};

export default gateway;
