import type { Booking, PrismaClient, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';
import type { BookingState } from './booking.state-machine.ts';

type Db = PrismaClient | TransactionClient;

/** The booking as the safety modules see it (agreed interface). */
export interface BookingView {
  id: string;
  clientId: string;
  therapistId: string | null;
  state: BookingState;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  requestedIntraOral: boolean;
  confirmedAt: Date | null;
}

export const ACTIVE_STATES: readonly BookingState[] = ['CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION'];

export class BookingsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findBookingView(id: string): Promise<BookingView | null> {
    const b = await this.prisma.booking.findUnique({ where: { id } });
    if (!b) return null;
    return {
      id: b.id,
      clientId: b.clientId,
      therapistId: b.therapistId,
      state: b.state,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      durationMinutes: b.durationMinutes,
      requestedIntraOral: b.requestedIntraOral,
      confirmedAt: b.confirmedAt,
    };
  }

  /** True once the client has rated any session (safety rule M13 lifts the first-session cap). */
  async hasRatedSession(clientId: string): Promise<boolean> {
    const n = await this.prisma.rating.count({ where: { raterId: clientId, raterRole: 'CLIENT' } });
    return n > 0;
  }

  async find(id: string, db: Db = this.prisma): Promise<Booking | null> {
    return db.booking.findUnique({ where: { id } });
  }

  /** Row lock for the transaction: every state change of one booking is serialised. */
  async lock(tx: TransactionClient, id: string): Promise<Booking | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM booking.bookings WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.booking.findUnique({ where: { id } });
  }

  async listForViewer(
    viewer: { userId: string; role: string },
    take: number,
    after: unknown[] | null,
  ): Promise<Booking[]> {
    const owner = viewer.role === 'THERAPIST' ? { therapistId: viewer.userId } : { clientId: viewer.userId };
    return this.prisma.booking.findMany({
      where: {
        ...(viewer.role === 'ADMIN' ? {} : owner),
        ...newestFirstAfter('startsAt', after),
      },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }
}
