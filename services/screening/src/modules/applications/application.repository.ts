import type { Prisma, PrismaClient, TransactionClient } from '@mm/db';

export const applicationInclude = {
  licenses: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  insurances: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  credentials: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} as const satisfies Prisma.TherapistApplicationInclude;

export type ApplicationWithItems = Prisma.TherapistApplicationGetPayload<{
  include: typeof applicationInclude;
}>;

type Db = PrismaClient | TransactionClient;

export class ApplicationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findById(id: string, db: Db = this.prisma): Promise<ApplicationWithItems | null> {
    return db.therapistApplication.findUnique({ where: { id }, include: applicationInclude });
  }

  /** Many applications in one query (with their items), in the order asked; null where none. */
  async findManyByIds(
    ids: readonly string[],
    db: Db = this.prisma,
  ): Promise<(ApplicationWithItems | null)[]> {
    if (ids.length === 0) return [];
    const rows = await db.therapistApplication.findMany({
      where: { id: { in: [...ids] } },
      include: applicationInclude,
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  findByTherapist(therapistId: string, db: Db = this.prisma): Promise<ApplicationWithItems | null> {
    return db.therapistApplication.findUnique({ where: { therapistId }, include: applicationInclude });
  }

  findManyByTherapist(
    therapistIds: readonly string[],
    db: Db = this.prisma,
  ): Promise<ApplicationWithItems[]> {
    return db.therapistApplication.findMany({
      where: { therapistId: { in: [...therapistIds] } },
      include: applicationInclude,
    });
  }

  /**
   * Locks the application row for the rest of the transaction: every
   * decision on one application is serialised here, which is what makes
   * "two admins claim at once" have exactly one winner.
   */
  async lock(tx: TransactionClient, id: string): Promise<ApplicationWithItems | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM screening.applications WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return this.findById(id, tx);
  }

  async lockByTherapist(tx: TransactionClient, therapistId: string): Promise<ApplicationWithItems | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM screening.applications WHERE therapist_id = ${therapistId}::uuid FOR UPDATE`;
    const id = rows[0]?.id;
    return id ? this.findById(id, tx) : null;
  }
}
