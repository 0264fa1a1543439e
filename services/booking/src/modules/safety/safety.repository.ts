import type {
  GentleOnlyChoice,
  Prisma,
  PrismaClient,
  ScreeningDecision,
  SessionPressureReport,
  TransactionClient,
} from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** What the safety modules read of a booking (read-only: every booking write belongs to the bookings module). */
export interface BookingView {
  id: string;
  clientId: string;
  therapistId: string | null;
  state: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  requestedIntraOral: boolean;
  confirmedAt: Date | null;
}

const VIEW = {
  id: true,
  clientId: true,
  therapistId: true,
  state: true,
  startsAt: true,
  endsAt: true,
  durationMinutes: true,
  requestedIntraOral: true,
  confirmedAt: true,
} as const;

export class SafetyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findBookingView(id: string, db: Db = this.prisma): Promise<BookingView | null> {
    return db.booking.findUnique({ where: { id }, select: VIEW });
  }

  /** True once the client has rated any session (safety rule M13 lifts the first-session cap). */
  async hasRatedSession(clientId: string, db: Db = this.prisma): Promise<boolean> {
    const n = await db.rating.count({ where: { raterId: clientId, raterRole: 'CLIENT' } });
    return n > 0;
  }

  /** The client's latest post-session pressure report (safety rule M12's input). */
  lastPressureReport(clientId: string, db: Db = this.prisma): Promise<SessionPressureReport | null> {
    return db.sessionPressureReport.findFirst({ where: { clientId }, orderBy: { createdAt: 'desc' } });
  }

  decisionFor(bookingId: string, db: Db = this.prisma): Promise<ScreeningDecision | null> {
    return db.screeningDecision.findUnique({ where: { bookingId } });
  }

  createDecision(
    tx: TransactionClient,
    data: Prisma.ScreeningDecisionUncheckedCreateInput,
  ): Promise<ScreeningDecision> {
    return tx.screeningDecision.create({ data });
  }

  /** The client's newest unused, unexpired gentle-only choice. */
  openGentleChoice(tx: TransactionClient, clientId: string, now: Date): Promise<GentleOnlyChoice | null> {
    return tx.gentleOnlyChoice.findFirst({
      where: { clientId, usedByBookingId: null, expiresAt: { gte: now } },
      orderBy: { createdAt: 'desc' },
    });
  }

  async useGentleChoice(tx: TransactionClient, choiceId: string, bookingId: string): Promise<void> {
    await tx.gentleOnlyChoice.update({ where: { id: choiceId }, data: { usedByBookingId: bookingId } });
  }

  /** One choice per decision: choosing again changes nothing. */
  async recordGentleChoice(data: Prisma.GentleOnlyChoiceUncheckedCreateInput): Promise<void> {
    await this.prisma.gentleOnlyChoice.upsert({
      where: { decisionId: data.decisionId },
      create: data,
      update: {},
    });
  }

  /** The stored screening decisions of many bookings at once (the Booking.screening loader). */
  decisionsFor(bookingIds: readonly string[]) {
    return this.prisma.screeningDecision.findMany({ where: { bookingId: { in: [...bookingIds] } } });
  }
}
