import type { Booking, Offer, Prisma, PrismaClient, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';

type Db = PrismaClient | TransactionClient;

/** The booking aggregate's SQL: the booking row and its offers. Only the lifecycle writes through it. */
export class BookingsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  find(id: string, db: Db = this.prisma): Promise<Booking | null> {
    return db.booking.findUnique({ where: { id } });
  }

  findMany(ids: readonly string[]): Promise<Booking[]> {
    return this.prisma.booking.findMany({ where: { id: { in: [...ids] } } });
  }

  /** Row lock for the transaction: every state change of one booking is serialised. */
  async lock(tx: TransactionClient, id: string): Promise<Booking | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM booking.bookings WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.booking.findUnique({ where: { id } });
  }

  create(tx: TransactionClient, data: Prisma.BookingUncheckedCreateInput): Promise<Booking> {
    return tx.booking.create({ data });
  }

  update(tx: TransactionClient, id: string, data: Prisma.BookingUpdateInput): Promise<Booking> {
    return tx.booking.update({ where: { id }, data });
  }

  /** The accept race's one decider: only a booking still searching in that round is assigned (its new row). */
  async assignIfSearching(
    tx: TransactionClient,
    a: { bookingId: string; round: number; data: Prisma.BookingUpdateManyMutationInput },
  ): Promise<Booking | null> {
    const won = await tx.booking.updateManyAndReturn({
      where: { id: a.bookingId, state: 'SEARCHING', dispatchRound: a.round },
      data: a.data,
    });
    return won[0] ?? null;
  }

  /** The client's most recent booking, preferably with this therapist (template of a rebook). */
  async lastForRebook(tx: TransactionClient, clientId: string, therapistId: string): Promise<Booking | null> {
    const last = await tx.booking.findFirst({
      where: { clientId, therapistId },
      orderBy: { startsAt: 'desc' },
    });
    return last ?? tx.booking.findFirst({ where: { clientId }, orderBy: { startsAt: 'desc' } });
  }

  /** `select`: only the columns the page's fields read (`connectionColumns`); the rows carry no others. */
  listForViewer(
    viewer: { userId: string; role: string },
    take: number,
    after: unknown[] | null,
    select: Prisma.BookingSelect | null = null,
  ): Promise<Booking[]> {
    const owner = viewer.role === 'THERAPIST' ? { therapistId: viewer.userId } : { clientId: viewer.userId };
    return this.prisma.booking.findMany({
      where: { ...(viewer.role === 'ADMIN' ? {} : owner), ...newestFirstAfter('startsAt', after) },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take,
      ...(select ? { select } : {}),
    }) as Promise<Booking[]>;
  }

  /** Bookings searching for a therapist whose next dispatch step is overdue (a job was lost or gave up). */
  async overdueSearches(before: Date, take: number): Promise<string[]> {
    const rows = await this.prisma.booking.findMany({
      where: {
        state: 'SEARCHING',
        OR: [{ batchExpiresAt: { lt: before } }, { batchExpiresAt: null, searchStartedAt: { lt: before } }],
      },
      select: { id: true },
      orderBy: { startsAt: 'asc' },
      take,
    });
    return rows.map((r) => r.id);
  }

  // ── Offers (part of the booking aggregate) ──

  /** True when the therapist holds a booking whose busy window overlaps [from, until). */
  async therapistBusy(therapistId: string, from: Date, until: Date): Promise<boolean> {
    const clash = await this.prisma.booking.findFirst({
      where: {
        therapistId,
        // The states the exclusion constraint `bookings_no_overlap` covers.
        state: { in: ['CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION'] },
        busyFrom: { lt: until },
        busyUntil: { gt: from },
      },
      select: { id: true },
    });
    return clash !== null;
  }

  findOffer(id: string, db: Db = this.prisma): Promise<Offer | null> {
    return db.offer.findUnique({ where: { id } });
  }

  offers(tx: TransactionClient, where: Prisma.OfferWhereInput): Promise<Offer[]> {
    return tx.offer.findMany({ where });
  }

  countOffers(tx: TransactionClient, where: Prisma.OfferWhereInput): Promise<number> {
    return tx.offer.count({ where });
  }

  createOffer(tx: TransactionClient, data: Prisma.OfferUncheckedCreateInput): Promise<Offer> {
    return tx.offer.create({ data });
  }

  async setOfferStatus(
    tx: TransactionClient,
    where: Prisma.OfferWhereInput,
    data: Prisma.OfferUpdateManyMutationInput,
  ): Promise<number> {
    return (await tx.offer.updateMany({ where, data })).count;
  }

  /** Like setOfferStatus, returning the changed offers (one statement). */
  changeOffers(
    tx: TransactionClient,
    where: Prisma.OfferWhereInput,
    data: Prisma.OfferUpdateManyMutationInput,
  ): Promise<Offer[]> {
    return tx.offer.updateManyAndReturn({ where, data });
  }

  updateOffer(tx: TransactionClient, id: string, data: Prisma.OfferUpdateInput): Promise<Offer> {
    return tx.offer.update({ where: { id }, data });
  }

  listOffersForTherapist(therapistId: string, openAt: Date | null, take: number, after: unknown[] | null) {
    return this.prisma.offer.findMany({
      where: {
        therapistId,
        ...(openAt ? { status: 'OPEN', expiresAt: { gt: openAt } } : {}),
        ...newestFirstAfter('sentAt', after),
      },
      orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  // ── Ratings and safety alerts (rows that hang off a booking) ──

  findRating(tx: TransactionClient, bookingId: string, raterRole: 'CLIENT' | 'THERAPIST') {
    return tx.rating.findUnique({ where: { bookingId_raterRole: { bookingId, raterRole } } });
  }

  createRating(tx: TransactionClient, data: Prisma.RatingUncheckedCreateInput) {
    return tx.rating.create({ data });
  }

  /** One overdue-checkout alert per booking; false when it already exists. */
  async raiseCheckoutAlert(a: { bookingId: string; therapistId: string; message: string; at: Date }) {
    const created = await this.prisma.safetyAlert.createMany({
      data: [
        {
          bookingId: a.bookingId,
          therapistId: a.therapistId,
          kind: 'CHECKOUT_OVERDUE',
          message: a.message,
          raisedAt: a.at,
        },
      ],
      skipDuplicates: true,
    });
    return created.count === 1;
  }

  listSafetyAlerts(unresolvedOnly: boolean, take: number, after: unknown[] | null) {
    return this.prisma.safetyAlert.findMany({
      where: { ...(unresolvedOnly ? { resolvedAt: null } : {}), ...newestFirstAfter('raisedAt', after) },
      orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  findSafetyAlert(tx: TransactionClient, id: string) {
    return tx.safetyAlert.findUnique({ where: { id } });
  }

  resolveSafetyAlert(tx: TransactionClient, id: string, at: Date, by: string) {
    return tx.safetyAlert.update({ where: { id }, data: { resolvedAt: at, resolvedBy: by } });
  }
}
