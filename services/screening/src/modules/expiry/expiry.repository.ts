import type { PrismaClient, TransactionClient } from '@mm/db';

/** What the daily expiry watch reads (the live applications) and the notices that make each lapse once. */
export class ExpiryRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Applications whose documents can lapse or be renewed: APPROVED and SUSPENDED, with every item. */
  liveApplications() {
    return this.prisma.therapistApplication.findMany({
      where: { status: { in: ['APPROVED', 'SUSPENDED'] } },
      include: { licenses: true, insurances: true, credentials: true },
    });
  }

  /** Records that a document lapsed; false when it was already announced. */
  async claimNotice(
    tx: TransactionClient,
    n: { dedupeKey: string; therapistId: string; documentId: string; kind: string },
  ): Promise<boolean> {
    const { count } = await tx.expiryNotice.createMany({ data: [n], skipDuplicates: true });
    return count === 1;
  }
}
