import { type ApplicationStatus, Prisma, type PrismaClient } from '@mm/db';
import { addDays } from '@mm/eligibility';

const SORT = {
  // Age: how long it has waited since (re)submission; drafts by creation.
  SUBMITTED_AT: { expr: Prisma.sql`coalesce(a.submitted_at, a.created_at)`, cast: 'timestamptz' },
  UPDATED_AT: { expr: Prisma.sql`a.updated_at`, cast: 'timestamptz' },
  NEXT_EXPIRY: { expr: Prisma.sql`coalesce(e.next_expiry, DATE '9999-12-31')`, cast: 'date' },
  STATUS: { expr: Prisma.sql`a.status::text`, cast: 'text' },
} as const;
export type QueueSort = keyof typeof SORT;

export interface QueueFilter {
  statuses?: readonly ApplicationStatus[] | null;
  jurisdiction?: string | null;
  expiringWithinDays?: number | null;
  submittedBefore?: Date | null;
  submittedAfter?: Date | null;
}

export interface QueuePage {
  filter: QueueFilter;
  sort: QueueSort;
  desc: boolean;
  /** The (sort value, id) cursor of the previous page's last row. */
  after: { value: string; id: string } | null;
  /** YYYY-MM-DD: documents that expired before it are not "next". */
  today: string;
  take: number;
}

/** The admins' work queue in SQL: a filtered, sorted page of applications, and counts per status. */
export class ReviewQueueRepository {
  constructor(private readonly prisma: PrismaClient) {}

  page(q: QueuePage) {
    const sort = SORT[q.sort];
    const where = this.conditions(q);
    const direction = Prisma.raw(q.desc ? 'DESC' : 'ASC');
    return this.prisma.$queryRaw<{ id: string; sort_value: string; next_expiry: Date | null }[]>`
      SELECT a.id, (${sort.expr})::text AS sort_value, e.next_expiry
      FROM screening.applications a
      LEFT JOIN LATERAL (
        SELECT min(x.expires_on) AS next_expiry FROM (
          SELECT l.expires_on FROM screening.licenses l
            WHERE l.application_id = a.id AND l.status = 'VERIFIED' AND l.expires_on >= ${q.today}::date
          UNION ALL
          SELECT p.expires_on FROM screening.insurance_policies p
            WHERE p.application_id = a.id AND p.status = 'VERIFIED' AND p.expires_on >= ${q.today}::date
        ) x
      ) e ON true
      ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
      ORDER BY ${sort.expr} ${direction}, a.id ${direction}
      LIMIT ${q.take}`;
  }

  private conditions(q: QueuePage): Prisma.Sql[] {
    const { filter } = q;
    const where: Prisma.Sql[] = [];
    if (filter.statuses?.length) {
      where.push(Prisma.sql`a.status::text IN (${Prisma.join([...filter.statuses])})`);
    }
    if (filter.jurisdiction) {
      where.push(
        Prisma.sql`EXISTS (SELECT 1 FROM screening.licenses l WHERE l.application_id = a.id AND l.jurisdiction = ${filter.jurisdiction})`,
      );
    }
    if (filter.expiringWithinDays != null) {
      where.push(Prisma.sql`e.next_expiry <= ${addDays(q.today, filter.expiringWithinDays)}::date`);
    }
    if (filter.submittedBefore) where.push(Prisma.sql`a.submitted_at < ${filter.submittedBefore}`);
    if (filter.submittedAfter) where.push(Prisma.sql`a.submitted_at >= ${filter.submittedAfter}`);
    if (q.after) {
      const sort = SORT[q.sort];
      const typed = Prisma.sql`CAST(${q.after.value} AS ${Prisma.raw(sort.cast)})`;
      where.push(
        q.desc
          ? Prisma.sql`(${sort.expr}, a.id) < (${typed}, ${q.after.id}::uuid)`
          : Prisma.sql`(${sort.expr}, a.id) > (${typed}, ${q.after.id}::uuid)`,
      );
    }
    return where;
  }

  async countsByStatus(): Promise<Map<ApplicationStatus, number>> {
    const groups = await this.prisma.therapistApplication.groupBy({ by: ['status'], _count: { _all: true } });
    return new Map(groups.map((g) => [g.status, g._count._all]));
  }
}
