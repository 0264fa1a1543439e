import type { Prisma, PrismaClient, TransactionClient } from '@mm/db';
import { type CancellationPolicy, DEFAULT_CANCELLATION_POLICY } from '../bookings/cancellation.policy.ts';
import { DEFAULT_PRICE_BOOK, type PriceBook } from './pricing.policy.ts';

interface DatedPriceBook {
  activeFrom: Date;
  document: PriceBook;
}

type Db = PrismaClient | TransactionClient;

/** How long the price book versions are kept in memory before they are read again. */
export const PRICE_BOOKS_TTL_MS = 30_000;

/**
 * Price books and cancellation policies are data: versioned rows holding the
 * policy objects as JSON. The newest version active at `now` applies to a new
 * booking; the booking keeps the version it was priced with.
 */
export class PricingRepository {
  private priceBooks: { read: number; versions: Promise<DatedPriceBook[]> } | null = null;

  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The newest version active at `now`. Every request prices, so the versions are read at most once per
   * PRICE_BOOKS_TTL_MS (monotonic time, not the service clock) and picked by date in memory: versions are
   * dated and never change, so a version published ahead of its `activeFrom` (as price changes are) applies
   * exactly on time; only one published with an `activeFrom` already past can take up to the TTL to apply.
   */
  async activePriceBook(now: Date): Promise<PriceBook> {
    const versions = await this.priceBookVersions();
    return versions.find((v) => v.activeFrom <= now)?.document ?? DEFAULT_PRICE_BOOK;
  }

  /** Newest first. A failed read is not kept. */
  private priceBookVersions(): Promise<DatedPriceBook[]> {
    const at = performance.now();
    if (this.priceBooks && at - this.priceBooks.read < PRICE_BOOKS_TTL_MS) return this.priceBooks.versions;
    const versions = this.prisma.priceBookVersion
      .findMany({ select: { activeFrom: true, document: true }, orderBy: { activeFrom: 'desc' } })
      .then((rows) =>
        rows.map((r) => ({ activeFrom: r.activeFrom, document: r.document as unknown as PriceBook })),
      );
    const entry = { read: at, versions };
    this.priceBooks = entry;
    versions.catch(() => {
      if (this.priceBooks === entry) this.priceBooks = null;
    });
    return versions;
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
    this.priceBooks = null;
  }
}
