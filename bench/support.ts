import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { migrateDeploy } from '@mm/db/migrate';
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

export function benchConfig(url: string) {
  return loadConfig({
    ...process.env,
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
    data: bookingRow(startsAt, { priceBookVersion: 'bench', dispatchRound: 1, searchStartedAt: new Date() }),
  });
}
