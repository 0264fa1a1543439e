import type { PrismaClient } from '@mm/db';

/** Reads for the direct-request sweep (writes go through BookingLifecycle). */
export class DirectRequestsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Bookings still waiting for the client whose session starts at or before `startsBefore`. */
  async awaitingChoiceStartingBy(startsBefore: Date, take: number): Promise<string[]> {
    const rows = await this.prisma.booking.findMany({
      where: { state: 'AWAITING_CLIENT_CHOICE', startsAt: { lte: startsBefore } },
      select: { id: true },
      orderBy: { startsAt: 'asc' },
      take,
    });
    return rows.map((r) => r.id);
  }
}
