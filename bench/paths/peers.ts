/**
 * Peer gateways on the same running subgraphs: `@apollo/gateway` 2 and Hive Gateway against our Mercurius
 * gateway, `me` and the federated query, each gateway in its own process. The peers do the same token check
 * and subgraph assertion as ours but none of its edge work (rate limits, revocation, security headers,
 * metrics, tracing), so a ratio above 1 overstates what switching would gain.
 */
import type { BenchPath, Figure } from '../framework.ts';
import { cpuMs, Processes, startNode } from '../infra.ts';
import { expectData, type GraphQLTarget, load } from '../load.ts';
import { type ServiceStack, signUpThrough, startServiceStack } from '../service-stack.ts';

const SECONDS = Number(process.env.BENCH_PEERS_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_PEERS_CONNECTIONS ?? 20);
const ME = '{ me { id email role } }';
const FEDERATED = '{ me { id therapistApplication { status } } }';
const PEERS = [
  { name: 'apollo', label: '@apollo/gateway 2.14.4', script: 'bench/peers/apollo.ts', port: 14130 },
  { name: 'hive', label: 'Hive Gateway runtime 2.12.1', script: 'bench/peers/hive.ts', port: 14131 },
] as const;

let stack: ServiceStack | null = null;
let token = '';
let tokens: string[] = [];
const peers = new Processes();
const pids: Record<string, number> = {};
const urls: Record<string, string> = {};

async function measure(name: string, query: string) {
  // One caller per connection: identical in-flight requests from one account would let a gateway that
  // shares them (Hive deduplicates in-flight subgraph requests) skip most subgraph calls.
  const target: GraphQLTarget = {
    url: urls[name] as string,
    query,
    rotate: tokens.map((t) => ({ authorization: `Bearer ${t}` })),
  };
  const pid = pids[name] as number;
  const screening = stack?.pids.screening as number;
  const before = [cpuMs(pid), cpuMs(screening)] as const;
  const result = await load(target, { seconds: SECONDS, connections: CONNECTIONS });
  const per = (now: number, then: number) => (now - then) / Math.max(1, result.requests);
  return {
    ...result,
    cpu: per(cpuMs(pid), before[0]),
    // Whether each gateway asks the second subgraph alike: its CPU per request should match.
    screeningCpu: per(cpuMs(screening), before[1]),
  };
}

const versus = (
  peer: string,
  what: string,
  s: Awaited<ReturnType<typeof measure>>,
  r: typeof s,
): Figure[] => {
  const ref = 'Mercurius gateway (ours)';
  return [
    {
      metric: `${peer} ${what} throughput`,
      unit: 'req/s',
      subject: s.rps,
      reference: r.rps,
      referenceLabel: ref,
      better: 'higher',
    },
    {
      metric: `${peer} ${what} p99`,
      unit: 'ms',
      subject: s.p99,
      reference: r.p99,
      referenceLabel: ref,
      better: 'lower',
    },
    {
      metric: `${peer} ${what} gateway CPU per request`,
      unit: 'ms',
      subject: s.cpu,
      reference: r.cpu,
      referenceLabel: ref,
      better: 'lower',
    },
    {
      metric: `${peer} ${what} screening CPU per request`,
      unit: 'ms',
      subject: s.screeningCpu,
      reference: r.screeningCpu,
      referenceLabel: ref,
      better: 'lower',
    },
  ];
};

const peersPath: BenchPath = {
  name: 'peers',
  description: `Apollo Gateway and Hive Gateway vs ours on the same subgraphs (${CONNECTIONS} connections, ${SECONDS} s each)`,
  async setup() {
    stack = await startServiceStack({
      label: 'peers',
      redisPort: 6401,
      firstPort: 14120,
      roles: ['identity', 'screening'],
    });
    const gatewayUrl = stack.gatewayUrl;
    const accounts = [];
    for (let i = 0; i < CONNECTIONS; i++) accounts.push(await signUpThrough(gatewayUrl, 'THERAPIST'));
    tokens = accounts.map((a) => a.accessToken);
    token = tokens[0] as string;
    pids.mercurius = stack.pids.gateway as number;
    urls.mercurius = stack.gatewayUrl;
    const subgraphs = JSON.stringify(
      Object.entries(stack.subgraphUrls).map(([name, url]) => ({ name, url })),
    );
    for (const peer of PEERS) {
      const url = `http://127.0.0.1:${peer.port}/graphql`;
      const started = peers.add(
        await startNode({
          name: peer.name,
          script: peer.script,
          env: {
            ...stack.env,
            BENCH_PORT: String(peer.port),
            BENCH_SUBGRAPHS: subgraphs,
          },
          readyUrl: url,
          readyInit: {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ __typename }"}',
          },
        }),
      );
      pids[peer.name] = started.pid;
      urls[peer.name] = url;
    }
    for (const name of Object.keys(urls))
      for (const query of [ME, FEDERATED]) {
        await expectData({ url: urls[name] as string, query, headers: { authorization: `Bearer ${token}` } });
        await load(
          { url: urls[name] as string, query, headers: { authorization: `Bearer ${token}` } },
          { seconds: 1, connections: CONNECTIONS },
        );
      }
  },
  async round(): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const [what, query] of [
      ['me', ME],
      ['federated', FEDERATED],
    ] as const) {
      const ours = await measure('mercurius', query);
      for (const peer of PEERS)
        figures.push(...versus(peer.name, what, await measure(peer.name, query), ours));
    }
    return figures;
  },
  async teardown() {
    await peers.stopAll();
    await stack?.stop();
    stack = null;
  },
};

export default peersPath;
