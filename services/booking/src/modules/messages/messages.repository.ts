import type { BookingMessage, PrismaClient, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';

/** The booking_messages table: the sealed text and its facts (who, when, the reader's verdict). */
export class MessagesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(tx: TransactionClient, data: BookingMessage): Promise<BookingMessage> {
    return tx.bookingMessage.create({ data });
  }

  /** One admin safety alert per booking and kind (a second red flag in the same booking adds none). */
  async raiseAlert(
    tx: TransactionClient,
    a: { bookingId: string; therapistId: string; kind: string; message: string; raisedAt: Date },
  ): Promise<void> {
    await tx.safetyAlert.createMany({ data: [a], skipDuplicates: true });
  }

  /** Newest first, keyset on (createdAt, id). */
  page(bookingId: string, take: number, after: unknown[] | null): Promise<BookingMessage[]> {
    return this.prisma.bookingMessage.findMany({
      where: { bookingId, ...newestFirstAfter('createdAt', after) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }
}
