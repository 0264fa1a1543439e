// What the safety modules need from the bookings module (owned by dispatch).
// The names and shapes are the contract between the two; modules/index.ts
// wires the real bookings repository and service in.

import type { TransactionClient } from '@mm/db';
import type { BookingView } from '../bookings/bookings.repository.ts';

export type { BookingView };

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
