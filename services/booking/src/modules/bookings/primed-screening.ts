import type { Booking } from '@mm/db';
import type { ScreeningSummary } from '../safety/safety.service.ts';

const PRIMED = Symbol('screening');
type Primed = Booking & { [PRIMED]?: ScreeningSummary };

/** The booking with the screening its request just decided, so the response does not read it back. */
export function withScreening(booking: Booking, screening: ScreeningSummary): Booking {
  return Object.assign(booking, { [PRIMED]: screening });
}

/** `Booking.screening` for a loader's batch: primed ones as they are, the others in one read. */
export async function screeningsOf(
  bookings: readonly Booking[],
  read: (bookingIds: string[]) => Promise<(ScreeningSummary | null)[]>,
): Promise<(ScreeningSummary | null)[]> {
  const missing = bookings.filter((b) => (b as Primed)[PRIMED] === undefined).map((b) => b.id);
  const found = missing.length > 0 ? await read(missing) : [];
  const byId = new Map(missing.map((id, i) => [id, found[i] ?? null]));
  return bookings.map((b) => (b as Primed)[PRIMED] ?? byId.get(b.id) ?? null);
}
