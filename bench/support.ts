import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { migrateDeploy } from '@mm/db/migrate';
import type { TherapistSnapshot } from '@mm/queue';
import { bookingRow, databaseUrl, withAdmin } from '@mm/testing';

const root = resolve(import.meta.dirname, '..');

/** A migrated throwaway database on the loopback Postgres, dropped by `drop()`. */
export async function throwawayDatabase(
  label: string,
): Promise<{ url: string; prisma: PrismaClient; drop: () => Promise<void> }> {
  const name = `mm_bench_${label}_${randomBytes(3).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name);
  await migrateDeploy({
    connectionString: url,
    schemaDir: resolve(root, 'prisma/schema'),
    migrationsDir: resolve(root, 'prisma/migrations'),
  });
  const prisma = createPrismaClient({ databaseUrl: url, poolSize: 20 });
  return {
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export function benchConfig(url: string, env: Record<string, string> = {}) {
  return loadConfig({
    ...process.env,
    ...env,
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'silent',
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** A SEARCHING one-hour Swedish booking in Midtown Manhattan, written straight to the table (no request path). */
export function searchingBooking(prisma: PrismaClient, startsAt: Date) {
  return prisma.booking.create({
    data: bookingRow(startsAt, {
      priceBookVersion: 'bench',
      dispatchRound: 1,
      searchStartedAt: new Date(startsAt.getTime() - 24 * 3600_000),
    }),
  });
}

export { BENCH_NOW, benchClock } from './clock.ts';

/** Latencies in ms → p50/p99 (sorts a copy). */
export function latencies(ms: number[]): { p50: number; p99: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** An approved, licensed therapist, as screening would publish it: accept re-checks eligibility. */
export function approvedSnapshot(therapistId: string): TherapistSnapshot {
  return {
    therapistId,
    status: 'APPROVED',
    displayName: 'Bench Therapist',
    gender: null,
    timezone: 'America/New_York',
    serviceArea: { latitude: 40.76, longitude: -73.98, radiusKm: 25 },
    weeklyAvailability: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, startMinute: 0, endMinute: 1440 })),
    availabilityExceptions: [],
    licenses: [
      {
        id: randomUUID(),
        jurisdiction: 'US-NY',
        type: 'LMT',
        issuedOn: '2020-01-01',
        expiresOn: '2035-12-31',
        status: 'VERIFIED',
      },
    ],
    insurance: { expiresOn: '2035-12-31', status: 'VERIFIED' },
    credentials: [],
    backgroundCheck: { status: 'CLEAR' },
    migraineExperienceYears: 5,
  };
}

/** Requests per second for `total` requests kept `concurrency` in flight (bounded by count). */
export async function throughput(
  total: number,
  concurrency: number,
  request: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await request(next++);
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}
