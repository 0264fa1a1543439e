/**
 * The accept race: 200 therapists accept one SEARCHING booking at once through the gateway (HTTP, the
 * acceptOffer mutation), against 200 concurrent `{ __typename }` on the same gateway in the same round.
 * Counts the winners and the transactions the race opened (losers must be turned away before one).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { toGlobalId } from '@mm/graphql-kit';
import { DirectoryRepository } from '../../services/booking/src/modules/directory/directory.repository.ts';
import type { BenchPath, Figure } from '../framework.ts';
import { type BenchStack, startBenchStack } from '../stack.ts';
import { approvedSnapshot, BENCH_NOW, latencies, searchingBooking } from '../support.ts';

const RACERS = 200;
const ACCEPT = `mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { id state } } }`;

let stack: BenchStack | undefined;
const therapists: { id: string; token: string }[] = [];

async function burst<T>(n: number, request: (i: number) => Promise<T>) {
  const ms: number[] = [];
  const results = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t0 = performance.now();
      const out = await request(i);
      ms.push(performance.now() - t0);
      return out;
    }),
  );
  return { results, ms, ...latencies(ms) };
}

async function race(s: BenchStack, round: number) {
  const startsAt = new Date(BENCH_NOW.getTime() + 24 * 3600_000 + round * 3 * 3600_000);
  const booking = await searchingBooking(s.prisma, startsAt);
  const offers = therapists.map((t) => ({
    id: randomUUID(),
    bookingId: booking.id,
    therapistId: t.id,
    round: 1,
    batchNumber: 1,
    distanceMeters: 1000,
    sentAt: BENCH_NOW,
    expiresAt: new Date(BENCH_NOW.getTime() + 24 * 3600_000),
  }));
  await s.prisma.offer.createMany({ data: offers });
  await s.counts('reset');
  const out = await burst(RACERS, async (i) => {
    const input = { offerId: toGlobalId('Offer', offers[i]?.id as string), acknowledgeModifications: true };
    const body = await s.gql(ACCEPT, { input }, therapists[i]?.token);
    return body.errors?.[0]?.extensions?.code ?? 'OK';
  });
  const counted = await s.counts();
  const winners = out.results.filter((c) => c === 'OK').length;
  const strange = out.results.filter((c) => c !== 'OK' && c !== 'ALREADY_TAKEN');
  if (strange.length) throw new Error(`unexpected answers in the race: ${strange.slice(0, 5).join(', ')}`);
  return { ...out, winners, ...counted };
}

const path: BenchPath = {
  name: 'accept',
  description: `${RACERS} concurrent acceptOffer on one booking vs ${RACERS} concurrent { __typename }`,
  async setup() {
    stack = await startBenchStack('accept', { firstPort: 14210, redisPort: 14219 });
    const directory = new DirectoryRepository(stack.prisma);
    for (let i = 0; i < RACERS; i++) {
      const id = randomUUID();
      await stack.prisma.$transaction(async (tx) => {
        await directory.applySnapshot(tx, approvedSnapshot(id), BENCH_NOW);
        await directory.setPayouts(tx, id, true, BENCH_NOW);
      });
      therapists.push({ id, token: stack.token({ userId: id, role: 'THERAPIST' }) });
    }
  },
  async round(index): Promise<Figure[]> {
    const s = stack;
    if (!s) throw new Error('setup did not run');
    const trivial = await burst(RACERS, (i) => s.gql('{ __typename }', {}, therapists[i]?.token));
    const accept = await race(s, index);
    return [
      {
        metric: 'p99 of 200 concurrent accepts',
        unit: 'ms',
        subject: accept.p99,
        reference: trivial.p99,
        referenceLabel: '200 concurrent { __typename }',
        better: 'lower',
        target: 1.5,
      },
      {
        metric: 'exactly one winner (1 = yes)',
        unit: '',
        subject: accept.winners === 1 ? 1 : 0,
        reference: null,
        better: 'higher',
        target: 1,
      },
      {
        metric: 'transactions per race',
        unit: '',
        subject: accept.transactions,
        reference: null,
        better: 'lower',
        target: 3,
      },
      {
        metric: 'statements per accept',
        unit: '',
        subject: accept.statements / RACERS,
        reference: null,
        better: 'lower',
      },
    ];
  },
  async teardown() {
    await stack?.close();
  },
};
export default path;
