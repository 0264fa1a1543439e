/**
 * Lists: `myBookings(first: 20)` (with each row's screening, batched by a loader) against `me` through the
 * same gateway, interleaved, as throughput; and the statements one page costs at 10 and at 50 rows.
 */
import { randomUUID } from 'node:crypto';
import { fromGlobalId } from '@mm/graphql-kit';
import { bookingRow } from '@mm/testing';
import type { BenchPath, Figure } from '../framework.ts';
import { type BenchStack, startBenchStack } from '../stack.ts';
import { BENCH_NOW, throughput } from '../support.ts';

const REQUESTS = 400;
const CONCURRENCY = 20;
const ME = '{ me { id email role } }';
const LIST = `query($first: Int) {
  myBookings(first: $first) { edges { node { id state startsAt screening { outcome modifications { code } } } } }
}`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`;

let stack: BenchStack | undefined;
let token = '';

async function ok(s: BenchStack, query: string, variables: Record<string, unknown>) {
  const body = await s.gql(query, variables, token);
  if (body.errors?.length) throw new Error(`${query}: ${body.errors[0]?.message}`);
}

async function statementsPerPage(s: BenchStack, first: number): Promise<number> {
  await s.counts('reset');
  await ok(s, LIST, { first });
  return (await s.counts()).statements;
}

const path: BenchPath = {
  name: 'lists',
  description: 'myBookings(first: 20) vs me, throughput through the gateway; statements per page',
  async setup() {
    stack = await startBenchStack('lists', { firstPort: 14220, redisPort: 14229 }, { identity: true });
    const input = { email: `bench-${randomUUID()}@example.test`, password: 'correct horse battery staple' };
    const res = await stack.gql(SIGN_UP, { input: { ...input, role: 'CLIENT', fullName: 'Bench Client' } });
    const signUp = res.data?.signUp as { accessToken: string; user: { id: string } } | undefined;
    if (!signUp) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
    token = signUp.accessToken;
    await stack.prisma.booking.createMany({
      data: Array.from({ length: 60 }, (_, i) => {
        const startsAt = new Date(BENCH_NOW.getTime() - (i + 1) * 3 * 3600_000);
        return bookingRow(startsAt, {
          clientId: fromGlobalId('User', signUp.user.id),
          state: 'COMPLETED',
          priceBookVersion: 'bench',
        });
      }),
    });
    // Warm-up: plans, JIT and connections, so round 1 measures what later rounds do.
    await throughput(100, CONCURRENCY, () => ok(stack as BenchStack, ME, {}));
    await throughput(100, CONCURRENCY, () => ok(stack as BenchStack, LIST, { first: 20 }));
  },
  async round(): Promise<Figure[]> {
    const s = stack;
    if (!s) throw new Error('setup did not run');
    const me = await throughput(REQUESTS, CONCURRENCY, () => ok(s, ME, {}));
    const list = await throughput(REQUESTS, CONCURRENCY, () => ok(s, LIST, { first: 20 }));
    const ten = await statementsPerPage(s, 10);
    const fifty = await statementsPerPage(s, 50);
    return [
      {
        metric: 'myBookings(first: 20) throughput',
        unit: 'req/s',
        subject: list,
        reference: me,
        referenceLabel: 'me',
        better: 'higher',
        target: 0.5,
      },
      {
        metric: 'statements per page, 50 rows vs 10',
        unit: 'statements',
        subject: fifty,
        reference: ten,
        referenceLabel: '10 rows',
        better: 'lower',
        target: 1,
      },
    ];
  },
  async teardown() {
    await stack?.close();
  },
};
export default path;
