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

/** A `session_pressure_reports` row as raw SQL returns it (null columns when there is none). */
interface ReportRow {
  id: string | null;
  booking_id: string;
  client_id: string;
  therapist_id: string;
  check_id: string;
  agreed_cap: number;
  max_pressure_felt: number;
  over_pressure: boolean;
  details_sealed: string;
  created_at: Date;
}

const reportOf = (r: ReportRow & { id: string }): SessionPressureReport => ({
  id: r.id,
  bookingId: r.booking_id,
  clientId: r.client_id,
  therapistId: r.therapist_id,
  checkId: r.check_id,
  agreedCap: r.agreed_cap,
  maxPressureFelt: r.max_pressure_felt,
  overPressure: r.over_pressure,
  detailsSealed: r.details_sealed,
  createdAt: r.created_at,
});

export class SafetyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findBookingView(id: string, db: Db = this.prisma): Promise<BookingView | null> {
    return db.booking.findUnique({ where: { id }, select: VIEW });
  }

  /**
   * What screening needs of the client's past sessions, in one statement: whether they rated any
   * (rule M13 lifts the first-session cap) and their latest post-session pressure report (M12's input).
   */
  async previousSessionFacts(
    clientId: string,
    db: Db = this.prisma,
  ): Promise<{ rated: boolean; lastReport: SessionPressureReport | null }> {
    const [row] = await db.$queryRaw<(ReportRow & { rated: boolean })[]>`
      SELECT EXISTS (SELECT 1 FROM booking.ratings WHERE rater_id = ${clientId}::uuid AND rater_role = 'CLIENT') AS rated,
             r.id, r.booking_id, r.client_id, r.therapist_id, r.check_id, r.agreed_cap, r.max_pressure_felt,
             r.over_pressure, r.details_sealed, r.created_at
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT * FROM booking.session_pressure_reports
           WHERE client_id = ${clientId}::uuid ORDER BY created_at DESC LIMIT 1) r ON true`;
    if (!row) throw new Error('previousSessionFacts: the query returns one row');
    const { id, ...report } = row;
    return { rated: row.rated, lastReport: id === null ? null : reportOf({ id, ...report }) };
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
  openGentleChoice(db: Db, clientId: string, now: Date): Promise<GentleOnlyChoice | null> {
    return db.gentleOnlyChoice.findFirst({
      where: { clientId, usedByBookingId: null, expiresAt: { gte: now } },
      orderBy: { createdAt: 'desc' },
    });
  }

  /** Uses the choice for this booking; false when another booking used it meanwhile (it is single use). */
  async useGentleChoice(tx: TransactionClient, choiceId: string, bookingId: string): Promise<boolean> {
    const used = await tx.gentleOnlyChoice.updateMany({
      where: { id: choiceId, usedByBookingId: null },
      data: { usedByBookingId: bookingId },
    });
    return used.count === 1;
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
