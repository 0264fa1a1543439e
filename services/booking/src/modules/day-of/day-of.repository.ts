import type { DayOfCheck, OverPressureIncident, Prisma, PrismaClient, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** The day-of module's SQL: door checks, post-session pressure reports, over-pressure incidents. */
export class DayOfRepository {
  constructor(private readonly prisma: PrismaClient) {}

  createCheck(tx: TransactionClient, data: Prisma.DayOfCheckUncheckedCreateInput): Promise<DayOfCheck> {
    return tx.dayOfCheck.create({ data });
  }

  findCheck(id: string, db: Db = this.prisma): Promise<DayOfCheck | null> {
    return db.dayOfCheck.findUnique({ where: { id } });
  }

  getCheck(id: string, db: Db = this.prisma): Promise<DayOfCheck> {
    return db.dayOfCheck.findUniqueOrThrow({ where: { id } });
  }

  /** The latest check of a booking (`seq` orders them), passing only when asked. */
  latestCheck(
    bookingId: string,
    db: Db = this.prisma,
    o: { passing?: true } = {},
  ): Promise<DayOfCheck | null> {
    return db.dayOfCheck.findFirst({
      where: { bookingId, ...(o.passing ? { passing: true } : {}) },
      orderBy: { seq: 'desc' },
    });
  }

  async latestCheckId(bookingId: string, db: Db = this.prisma): Promise<string | null> {
    const row = await db.dayOfCheck.findFirst({
      where: { bookingId },
      orderBy: { seq: 'desc' },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  checksForBooking(bookingId: string): Promise<DayOfCheck[]> {
    return this.prisma.dayOfCheck.findMany({ where: { bookingId }, orderBy: { seq: 'desc' } });
  }

  async bookingOfCheck(checkId: string): Promise<string | null> {
    const row = await this.prisma.dayOfCheck.findUnique({
      where: { id: checkId },
      select: { bookingId: true },
    });
    return row?.bookingId ?? null;
  }

  /** Sets the acknowledgement once; 0 when another request got there first. */
  async acknowledge(tx: TransactionClient, checkId: string, at: Date): Promise<number> {
    const { count } = await tx.dayOfCheck.updateMany({
      where: { id: checkId, acknowledgedAt: null },
      data: { acknowledgedAt: at },
    });
    return count;
  }

  /** Ends the visit once; 0 when it had already ended. */
  async endVisit(tx: TransactionClient, checkId: string, at: Date): Promise<number> {
    const { count } = await tx.dayOfCheck.updateMany({
      where: { id: checkId, visitEndedAt: null },
      data: { visitEndedAt: at },
    });
    return count;
  }

  async createPressureReport(
    tx: TransactionClient,
    data: Prisma.SessionPressureReportUncheckedCreateInput,
  ): Promise<void> {
    await tx.sessionPressureReport.create({ data });
  }

  async createIncident(tx: TransactionClient, data: Prisma.OverPressureIncidentUncheckedCreateInput) {
    await tx.overPressureIncident.create({ data });
  }

  /** One alert per booking and kind (a repeated note raises nothing new). */
  async raiseAlert(tx: TransactionClient, data: Prisma.SafetyAlertCreateManyInput): Promise<void> {
    await tx.safetyAlert.createMany({ data: [data], skipDuplicates: true });
  }

  /** A page of incidents, oldest first, after the (createdAt, id) cursor. */
  incidents(a: {
    status?: 'OPEN' | 'RESOLVED' | null;
    after: { createdAt: Date; id: string } | null;
    take: number;
  }): Promise<OverPressureIncident[]> {
    const { after } = a;
    return this.prisma.overPressureIncident.findMany({
      where: {
        ...(a.status ? { status: a.status } : {}),
        ...(after
          ? {
              OR: [
                { createdAt: { gt: after.createdAt } },
                { createdAt: after.createdAt, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: a.take,
    });
  }

  findIncident(id: string, db: Db = this.prisma): Promise<OverPressureIncident | null> {
    return db.overPressureIncident.findUnique({ where: { id } });
  }

  getIncident(id: string, db: Db = this.prisma): Promise<OverPressureIncident> {
    return db.overPressureIncident.findUniqueOrThrow({ where: { id } });
  }

  /** Resolves an open incident; 0 when it was already resolved. */
  async resolveIncident(
    tx: TransactionClient,
    id: string,
    data: { resolvedAt: Date; resolvedBy: string; resolution: string },
  ): Promise<number> {
    const { count } = await tx.overPressureIncident.updateMany({
      where: { id, status: 'OPEN' },
      data: { status: 'RESOLVED', ...data },
    });
    return count;
  }
}
