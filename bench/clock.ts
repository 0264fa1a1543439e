/** The bench's time, apart from support.ts so a service process started by a bench loads only this. */
import { performance } from 'node:perf_hooks';

/** The bench's fixed clock: bookings, sessions and offers are placed relative to it, never to the wall clock. */
export const BENCH_NOW = new Date('2026-11-23T15:00:00.000Z');

/** The bench's clock for the services it runs: `start` (BENCH_NOW), moving forward at the wall clock's pace. */
export function benchClock(start: Date = BENCH_NOW): () => Date {
  const t0 = performance.now();
  return () => new Date(start.getTime() + (performance.now() - t0));
}
