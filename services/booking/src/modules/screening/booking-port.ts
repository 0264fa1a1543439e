// What the safety modules need from the bookings module (owned by dispatch).
// The names and shapes are the contract between the two; modules/index.ts
// wires the real bookings repository and service in.

import type { TransactionClient } from '@mm/db';
import type { BookingState } from '../bookings/booking.state-machine.ts';

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

export interface SafetyBookingPort {
  findBookingView(id: string): Promise<BookingView | null>;
  /** M13: the client has rated a session (so it is no longer their first). */
  hasRatedSession(clientId: string): Promise<boolean>;
  /** DEFER/REFER at the door: ARRIVED → BLOCKED, no fee, `booking.blocked` stage DAY_OF. */
  recordDayOfOutcome(
    tx: TransactionClient,
    a: { bookingId: string; outcome: 'REFER' | 'DEFER'; actorId: string },
  ): Promise<void>;
}
