import type { ApplicationStatus } from '@mm/db';
import { toIsoDate } from '@mm/eligibility';
import { badInput, forbidden, pageRequest, toConnection, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import { APPLICATION_STATES } from '../applications/application.state-machine.ts';
import type { ReviewQueueRepository } from './review-queue.repository.ts';

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

export interface ReviewQueueRow {
  id: string;
  nextExpiry: string | null;
}

export class ReviewQueueService {
  constructor(
    private readonly repo: ReviewQueueRepository,
    private readonly now: () => Date,
  ) {}

  async list(viewer: Viewer | null, raw: unknown) {
    if (viewer?.role !== 'ADMIN') throw forbidden('Only admins see the application queue.');
    const args = queueArgs.parse(raw);
    const page = pageRequest(args);
    const filter = args.filter ?? {};
    const sort = args.orderBy?.field ?? 'SUBMITTED_AT';
    const desc = args.orderBy?.direction === 'DESC';
    const today = toIsoDate(this.now());

    let after: { value: string; id: string } | null = null;
    if (page.after) {
      const [value, id] = page.after;
      if (typeof value !== 'string' || typeof id !== 'string') {
        throw badInput('The cursor is not valid; use endCursor from a previous page.', [
          { path: 'after', message: 'invalid cursor' },
        ]);
      }
      after = { value, id };
    }
    const rows = await this.repo.page({ filter, sort, desc, after, today, take: page.take });
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
    const counts = await this.repo.countsByStatus();
    return APPLICATION_STATES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }
}
