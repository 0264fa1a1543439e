import type { PrismaClient, Rating } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';

/** Clients' ratings of a therapist, read as reviews; the therapist's answer is the one write here. */
export class ReviewsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findById(id: string): Promise<Rating | null> {
    return this.prisma.rating.findUnique({ where: { id } });
  }

  /** Newest first, one page (take = size + 1). */
  page(therapistId: string, take: number, after: unknown[] | null): Promise<Rating[]> {
    return this.prisma.rating.findMany({
      where: { rateeId: therapistId, raterRole: 'CLIENT', ...newestFirstAfter('createdAt', after) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** Completed sessions per client with this therapist, for a page of reviewers in one query. */
  async completedSessions(therapistId: string, clientIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.prisma.booking.groupBy({
      by: ['clientId'],
      where: { therapistId, state: 'COMPLETED', clientId: { in: [...clientIds] } },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.clientId, r._count._all]));
  }

  /** Sets the answer only if there is none yet: false when another answer got there first. */
  async answer(id: string, text: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.rating.updateMany({
      where: { id, answer: null },
      data: { answer: text, answeredAt: at },
    });
    return count === 1;
  }
}
