/**
 * Candidate search (the real CandidatesRepository.search: SQL, then eligibility and availability in code)
 * at 10k and at 100k therapists over the same area (10× the density), interleaved in every round, and the
 * query as it was before (box + sort) at 100k in the same round. Two throwaway databases; loopback only.
 */
import { performance } from 'node:perf_hooks';
import { CandidatesRepository } from '../../services/booking/src/modules/dispatch/candidates.repository.ts';
import { beforeSql, candidateQuery, seedTherapists } from '../fixtures/candidates.ts';
import type { BenchPath, Figure } from '../framework.ts';
import { latencies, throwawayDatabase } from '../support.ts';

const QUERIES = 200;
const BEFORE_QUERIES = 40; // the old query takes hundreds of ms at 100k: fewer keep the round bounded

type Db = Awaited<ReturnType<typeof throwawayDatabase>>;
let small: Db | undefined;
let large: Db | undefined;

async function time(n: number, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run(i); // warm-up: plans cached, pages in memory
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  return latencies(ms);
}

const path: BenchPath = {
  name: 'candidates',
  description: 'candidate search, 10k vs 100k therapists at 10× density (KNN on the bookable GiST index)',
  async setup() {
    small = await throwawayDatabase('cand10k');
    large = await throwawayDatabase('cand100k');
    await seedTherapists(small.prisma, 0, 10_000);
    await seedTherapists(large.prisma, 0, 100_000);
  },
  async round(): Promise<Figure[]> {
    if (!small || !large) throw new Error('setup did not run');
    const smallRepo = new CandidatesRepository(small.prisma);
    const largeRepo = new CandidatesRepository(large.prisma);
    const largeDb = large.prisma;
    const at10k = await time(QUERIES, (i) => smallRepo.search(candidateQuery(i)));
    const before = await time(BEFORE_QUERIES, (i) => largeDb.$queryRaw(beforeSql(candidateQuery(i))));
    const at100k = await time(QUERIES, (i) => largeRepo.search(candidateQuery(i)));
    return [
      {
        metric: 'p99 at 100k',
        unit: 'ms',
        subject: at100k.p99,
        reference: null,
        better: 'lower',
        target: 20,
      },
      {
        metric: 'p99 growth 10k → 100k',
        unit: 'ms',
        subject: at100k.p99,
        reference: at10k.p99,
        referenceLabel: 'same search at 10k',
        better: 'lower',
        target: 1.5,
      },
      {
        metric: 'p50 growth 10k → 100k',
        unit: 'ms',
        subject: at100k.p50,
        reference: at10k.p50,
        referenceLabel: 'same search at 10k',
        better: 'lower',
      },
      {
        metric: 'p99 at 100k, after vs before',
        unit: 'ms',
        subject: at100k.p99,
        reference: before.p99,
        referenceLabel: 'before: box + sort, SQL alone',
        better: 'lower',
      },
    ];
  },
  async teardown() {
    await small?.drop();
    await large?.drop();
  },
};
export default path;
