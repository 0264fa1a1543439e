/**
 * A booking request: `requestBooking` through the gateway (address check, price, screening of the intake,
 * the booking and its events), against pgbench's TPC-B-like transaction on the same Postgres, interleaved.
 * Counts the statements and transactions one request sends (Prisma's query events, $transaction calls).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { toGlobalId } from '@mm/graphql-kit';
import { seedDemoIntake } from '../../services/booking/src/modules/intake/intake.seed.ts';
import type { BenchPath, Figure } from '../framework.ts';
import { type BenchStack, startBenchStack } from '../stack.ts';
import { BENCH_NOW, latencies, throwawayDatabase } from '../support.ts';

const CLIENTS = 40;
const REQUESTS = 200;
const CONCURRENCY = 8;
const PGBENCH_SECONDS = 5;
const REQUEST = `mutation($input: RequestBookingInput!) {
  requestBooking(input: $input) { booking { id state screening { outcome } } }
}`;

let stack: BenchStack | undefined;
let pgbenchDb: Awaited<ReturnType<typeof throwawayDatabase>> | undefined;
const clients: { token: string; addressId: string }[] = [];
let sequence = 0;

function pgbench(args: string[]): string {
  const url = new URL((pgbenchDb as { url: string }).url);
  const run = spawnSync('pgbench', [...args, url.pathname.slice(1)], {
    env: {
      ...process.env,
      PGHOST: url.hostname,
      PGPORT: url.port || '5432',
      PGUSER: url.username,
      PGPASSWORD: decodeURIComponent(url.password),
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** TPC-B-like TPS at the same client concurrency as the requests. */
function pgbenchTps(): number {
  const out = pgbench(['-n', '-c', String(CONCURRENCY), '-j', '2', '-T', String(PGBENCH_SECONDS)]);
  const tps = /tps = ([\d.]+)/.exec(out)?.[1];
  if (!tps) throw new Error(`no tps in pgbench output: ${out}`);
  return Number(tps);
}

async function requests(s: BenchStack) {
  const ms: number[] = [];
  let next = 0;
  await s.counts('reset');
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const client = clients[i % CLIENTS] as { token: string; addressId: string };
        // Each request its own slot: from a day after BENCH_NOW, 15 minutes apart (well inside 30 days).
        const startsAt = new Date(BENCH_NOW.getTime() + 26 * 3600_000 + sequence++ * 15 * 60_000);
        const input = {
          address: { addressId: client.addressId },
          timezone: 'America/New_York',
          startsAt: startsAt.toISOString(),
          durationMinutes: 60,
          modalities: ['SWEDISH'],
          focusAreas: ['neck'],
        };
        const start = performance.now();
        const body = await s.gql(REQUEST, { input }, client.token);
        ms.push(performance.now() - start);
        if (body.errors?.length) throw new Error(`requestBooking: ${JSON.stringify(body.errors[0])}`);
      }
    }),
  );
  const perSecond = REQUESTS / ((performance.now() - t0) / 1000);
  const counted = await s.counts();
  return {
    perSecond,
    ...latencies(ms),
    statements: counted.statements / REQUESTS,
    transactions: counted.transactions / REQUESTS,
  };
}

const path: BenchPath = {
  name: 'booking-request',
  description: 'requestBooking through the gateway vs pgbench TPC-B-like on the same Postgres',
  async setup() {
    stack = await startBenchStack('request', { firstPort: 14230, redisPort: 14239 });
    pgbenchDb = await throwawayDatabase('pgbench');
    pgbench(['-i', '-q', '-s', '1']);
    for (let i = 0; i < CLIENTS; i++) {
      const userId = randomUUID();
      const addressId = randomUUID();
      await seedDemoIntake({
        prisma: stack.prisma,
        config: stack.config,
        now: BENCH_NOW,
        accounts: { client: { userId } },
      });
      await stack.prisma.clientAddress.create({
        data: {
          addressId,
          clientId: userId,
          latitude: 40.758,
          longitude: -73.9855,
          jurisdiction: 'US-NY',
          updatedAt: BENCH_NOW,
        },
      });
      clients.push({
        token: stack.token({ userId, role: 'CLIENT' }),
        addressId: toGlobalId('Address', addressId),
      });
    }
  },
  async round(): Promise<Figure[]> {
    const s = stack;
    if (!s) throw new Error('setup did not run');
    const reference = pgbenchTps();
    const subject = await requests(s);
    return [
      {
        metric: 'requestBooking throughput',
        unit: '/s',
        subject: subject.perSecond,
        reference,
        referenceLabel: 'pgbench TPC-B-like TPS',
        better: 'higher',
        target: 0.1,
      },
      {
        metric: 'requestBooking p99',
        unit: 'ms',
        subject: subject.p99,
        reference: null,
        better: 'lower',
        target: 150,
      },
      {
        metric: 'statements per request',
        unit: '',
        subject: subject.statements,
        reference: null,
        better: 'lower',
        target: 10,
      },
      {
        metric: 'transactions per request',
        unit: '',
        subject: subject.transactions,
        reference: null,
        better: 'lower',
        target: 1,
      },
    ];
  },
  async teardown() {
    await stack?.close();
    await pgbenchDb?.drop();
  },
};
export default path;
