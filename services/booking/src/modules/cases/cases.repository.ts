import type { Prisma, PrismaClient, SafetyCaseEntry, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';

/** Admin safety cases (an append-only entry log per subject) and the admin booking finder. */
export class CasesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Every entry of these subjects, oldest first. */
  entries(subjects: readonly { type: string; id: string }[]): Promise<SafetyCaseEntry[]> {
    return this.prisma.safetyCaseEntry.findMany({
      where: { OR: subjects.map((s) => ({ subjectType: s.type, subjectId: s.id })) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async append(tx: TransactionClient, data: Prisma.SafetyCaseEntryUncheckedCreateInput): Promise<void> {
    await tx.safetyCaseEntry.create({ data });
  }

  /** Bookings of a client, or of a therapist (confirmed or requested), newest first. */
  searchBookings(a: {
    clientId: string | null;
    therapistId: string | null;
    after: unknown[] | null;
    take: number;
  }) {
    const { clientId, therapistId } = a;
    return this.prisma.booking.findMany({
      where: {
        AND: [
          clientId ? { clientId } : {},
          therapistId ? { OR: [{ therapistId }, { requestedTherapistId: therapistId }] } : {},
          newestFirstAfter('startsAt', a.after),
        ],
      },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take: a.take,
      select: {
        id: true,
        state: true,
        clientId: true,
        therapistId: true,
        startsAt: true,
        durationMinutes: true,
      },
    });
  }
}
