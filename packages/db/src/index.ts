import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export * from './generated/prisma/client.ts';

export interface DatabaseOptions {
  databaseUrl: string;
  poolSize?: number;
}

/** One Prisma client per process; every service shares the database, each keeps to its own Postgres schema. */
export function createPrismaClient(opts: DatabaseOptions): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 }),
  });
}

export type TransactionClient = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Postgres error classes we turn into domain answers instead of 500s. */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string })?.code === 'P2002';
