import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from './generated/prisma/client.ts';

export * from './failures.ts';
export * from './generated/prisma/client.ts';

export interface DatabaseOptions {
  databaseUrl: string;
  poolSize?: number;
  /** How long a checkout waits for a free connection (default 3 s), then fails as OVERLOADED. */
  connectionTimeoutMs?: number;
  /** Called with every SQL statement Prisma sends (tests count statements with it). */
  onQuery?: (sql: string) => void;
}

/**
 * One Prisma client per process; every service shares the database, each
 * keeps to its own Postgres schema. The pool is the bound on database work
 * per process: a request that waits 3 s for a connection gives up (OVERLOADED)
 * instead of queueing without end, and a connection broken by a Postgres
 * restart is replaced on the next checkout.
 */
export function createPrismaClient(opts: DatabaseOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 3000,
    idleTimeoutMillis: 30_000,
  });
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

/** Reads of health data by someone other than the client (see @mm/graphql-kit auditHealthDataReads), in one insert. */
export async function recordHealthDataReads(
  db: PrismaClient | TransactionClient,
  reads: {
    actorId: string;
    actorRole: string;
    entityType: string;
    entityId: string;
    subjectId: string | null;
    field: string;
  }[],
): Promise<void> {
  await db.auditEntry.createMany({
    data: reads.map((r) => ({
      actorId: r.actorId,
      actorRole: r.actorRole,
      action: 'health_data.read',
      entityType: r.entityType,
      entityId: r.entityId,
      subjectId: r.subjectId,
      after: { field: r.field },
    })),
  });
}
