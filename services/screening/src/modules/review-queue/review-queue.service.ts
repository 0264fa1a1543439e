import { type ApplicationStatus, Prisma, type PrismaClient } from '@mm/db';
import { addDays, toIsoDate } from '@mm/eligibility';
import { badInput, forbidden, pageRequest, toConnection, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import { APPLICATION_STATES } from '../applications/application.state-machine.ts';

/** The admins' work queue: filter and sort applications; counts per status. */
const queueArgs = z.object({
  filter: z
    .object({
      statuses: z.array(z.enum(APPLICATION_STATES)).nullish(),
      jurisdiction: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code such as US-NY')
        .nullish(),
      expiringWithinDays: z.number().int().min(0).max(3650).nullish(),
      submittedBefore: z.date().nullish(),
      submittedAfter: z.date().nullish(),
    })
    .nullish(),
  orderBy: z
    .object({
      field: z.enum(['SUBMITTED_AT', 'UPDATED_AT', 'NEXT_EXPIRY', 'STATUS']),
      direction: z.enum(['ASC', 'DESC']).nullish(),
    })
    .nullish(),
  first: z.number().int().nullish(),
  after: z.string().nullish(),
});

const SORT = {
  // Age: how long it has waited since (re)submission; drafts by creation.
  SUBMITTED_AT: { expr: Prisma.sql`coalesce(a.submitted_at, a.created_at)`, cast: 'timestamptz' },
  UPDATED_AT: { expr: Prisma.sql`a.updated_at`, cast: 'timestamptz' },
  NEXT_EXPIRY: { expr: Prisma.sql`coalesce(e.next_expiry, DATE '9999-12-31')`, cast: 'date' },
  STATUS: { expr: Prisma.sql`a.status::text`, cast: 'text' },
} as const;

export interface ReviewQueueRow {
  id: string;
  nextExpiry: string | null;
}

export class ReviewQueueService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date,
  ) {}

  async list(viewer: Viewer | null, raw: unknown) {
    if (viewer?.role !== 'ADMIN') throw forbidden('Only admins see the application queue.');
    const args = queueArgs.parse(raw);
    const page = pageRequest(args);
    const filter = args.filter ?? {};
    const sort = SORT[args.orderBy?.field ?? 'SUBMITTED_AT'];
    const desc = args.orderBy?.direction === 'DESC';
    const today = toIsoDate(this.now());

    const where: Prisma.Sql[] = [];
    if (filter.statuses?.length) {
      where.push(Prisma.sql`a.status::text IN (${Prisma.join(filter.statuses)})`);
    }
    if (filter.jurisdiction) {
      where.push(
        Prisma.sql`EXISTS (SELECT 1 FROM screening.licenses l WHERE l.application_id = a.id AND l.jurisdiction = ${filter.jurisdiction})`,
      );
    }
    if (filter.expiringWithinDays != null) {
      where.push(Prisma.sql`e.next_expiry <= ${addDays(today, filter.expiringWithinDays)}::date`);
    }
    if (filter.submittedBefore) where.push(Prisma.sql`a.submitted_at < ${filter.submittedBefore}`);
    if (filter.submittedAfter) where.push(Prisma.sql`a.submitted_at >= ${filter.submittedAfter}`);
    if (page.after) {
      const [value, id] = page.after;
      if (typeof value !== 'string' || typeof id !== 'string') {
        throw badInput('The cursor is not valid; use endCursor from a previous page.', [
          { path: 'after', message: 'invalid cursor' },
        ]);
      }
      const typed = Prisma.sql`CAST(${value} AS ${Prisma.raw(sort.cast)})`;
      where.push(
        desc
          ? Prisma.sql`(${sort.expr}, a.id) < (${typed}, ${id}::uuid)`
          : Prisma.sql`(${sort.expr}, a.id) > (${typed}, ${id}::uuid)`,
      );
    }
    const direction = Prisma.raw(desc ? 'DESC' : 'ASC');
    const rows = await this.prisma.$queryRaw<{ id: string; sort_value: string; next_expiry: Date | null }[]>`
      SELECT a.id, (${sort.expr})::text AS sort_value, e.next_expiry
      FROM screening.applications a
      LEFT JOIN LATERAL (
        SELECT min(x.expires_on) AS next_expiry FROM (
          SELECT l.expires_on FROM screening.licenses l
            WHERE l.application_id = a.id AND l.status = 'VERIFIED' AND l.expires_on >= ${today}::date
          UNION ALL
          SELECT p.expires_on FROM screening.insurance_policies p
            WHERE p.application_id = a.id AND p.status = 'VERIFIED' AND p.expires_on >= ${today}::date
        ) x
      ) e ON true
      ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
      ORDER BY ${sort.expr} ${direction}, a.id ${direction}
      LIMIT ${page.take}`;
    const connection = toConnection(rows, page.size, (r) => [r.sort_value, r.id]);
    return {
      ...connection,
      edges: connection.edges.map((edge) => ({
        cursor: edge.cursor,
        node: {
          id: edge.node.id,
          nextExpiry: edge.node.next_expiry ? toIsoDate(edge.node.next_expiry) : null,
        },
      })),
    };
  }

  async counts(viewer: Viewer | null): Promise<{ status: ApplicationStatus; count: number }[]> {
    if (viewer?.role !== 'ADMIN') throw forbidden('Only admins see the application queue.');
    const groups = await this.prisma.therapistApplication.groupBy({ by: ['status'], _count: { _all: true } });
    return APPLICATION_STATES.map((status) => ({
      status,
      count: groups.find((g) => g.status === status)?._count._all ?? 0,
    }));
  }
}
