import type { PrismaClient, TransactionClient } from '@mm/db';

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

  /** The stored screening decisions of many bookings at once (the Booking.screening loader). */
  decisionsFor(bookingIds: readonly string[]) {
    return this.prisma.screeningDecision.findMany({ where: { bookingId: { in: [...bookingIds] } } });
  }
}
