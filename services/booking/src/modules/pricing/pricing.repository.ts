import type { Prisma, PrismaClient, TransactionClient } from '@mm/db';
import { type CancellationPolicy, DEFAULT_CANCELLATION_POLICY } from '../bookings/cancellation.policy.ts';
import { DEFAULT_PRICE_BOOK, type PriceBook } from './pricing.policy.ts';

type Db = PrismaClient | TransactionClient;

/**
 * Price books and cancellation policies are data: versioned rows holding the
 * policy objects as JSON. The newest version active at `now` applies to a new
 * booking; the booking keeps the version it was priced with.
 */
export class PricingRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async activePriceBook(now: Date, db: Db = this.prisma): Promise<PriceBook> {
    const row = await db.priceBookVersion.findFirst({
      where: { activeFrom: { lte: now } },
      orderBy: { activeFrom: 'desc' },
    });
    return (row?.document as unknown as PriceBook | undefined) ?? DEFAULT_PRICE_BOOK;
  }

  async activeCancellationPolicy(now: Date, db: Db = this.prisma): Promise<CancellationPolicy> {
    const row = await db.cancellationPolicyVersion.findFirst({
      where: { activeFrom: { lte: now } },
      orderBy: { activeFrom: 'desc' },
    });
    return (row?.document as unknown as CancellationPolicy | undefined) ?? DEFAULT_CANCELLATION_POLICY;
  }

  /** Idempotent: inserts the DEFAULT_* versions once; a second run changes nothing. */
  async seedDefaults(activeFrom = new Date('2026-01-01T00:00:00Z')): Promise<void> {
    await this.prisma.priceBookVersion.createMany({
      data: [
        {
          version: DEFAULT_PRICE_BOOK.version,
          document: DEFAULT_PRICE_BOOK as unknown as Prisma.InputJsonValue,
          activeFrom,
        },
      ],
      skipDuplicates: true,
    });
    await this.prisma.cancellationPolicyVersion.createMany({
      data: [
        {
          version: DEFAULT_CANCELLATION_POLICY.version,
          document: DEFAULT_CANCELLATION_POLICY as unknown as Prisma.InputJsonValue,
          activeFrom,
        },
      ],
      skipDuplicates: true,
    });
  }
}
