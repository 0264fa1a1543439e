import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from './generated/prisma/client.ts';

export * from './generated/prisma/client.ts';

export interface DatabaseOptions {
  databaseUrl: string;
  poolSize?: number;
  /** Called with every SQL statement Prisma sends (tests count statements with it). */
  onQuery?: (sql: string) => void;
}

/** One Prisma client per process; every service shares the database, each keeps to its own Postgres schema. */
export function createPrismaClient(opts: DatabaseOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
  if (!opts.onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  const onQuery = opts.onQuery;
  client.$on('query', (e) => onQuery(e.query));
  return client as unknown as PrismaClient;
}

export type TransactionClient = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Postgres error classes we turn into domain answers instead of 500s. */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string })?.code === 'P2002';

export interface AuditRecord {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit trail; call it inside the transaction that makes the change. */
export async function recordAudit(tx: TransactionClient, entry: AuditRecord): Promise<void> {
  const json = (v: unknown) => (v === undefined || v === null ? undefined : (v as Prisma.InputJsonValue));
  await tx.auditEntry.create({
    data: {
      actorId: entry.actorId,
      actorRole: entry.actorRole,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}
