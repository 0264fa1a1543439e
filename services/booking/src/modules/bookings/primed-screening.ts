import type { Booking } from '@mm/db';
import type { ScreeningSummary } from '../safety/safety.service.ts';

const PRIMED = Symbol('screening');
type Parent = Booking & { [PRIMED]?: ScreeningSummary };

/**
 * A booking handed to GraphQL as the parent of its per-row loaders (`Booking.screening`). Mercurius keys a
 * loader's per-request cache by the stable JSON of the whole parent, every column sorted, row by row (a
 * tenth of a list page's CPU); the booking's id is the key it needs, so that is the parent's JSON. A
 * request that has just screened the booking passes the screening, so the response does not read it back.
 */
export function asLoaderParent(booking: Booking, screening?: ScreeningSummary): Booking {
  Object.defineProperty(booking, 'toJSON', { value: () => booking.id, enumerable: false });
  return screening ? Object.assign(booking, { [PRIMED]: screening }) : booking;
}

/** `Booking.screening` for a loader's batch: primed ones as they are, the others in one read. */
export async function screeningsOf(
  bookings: readonly Booking[],
  read: (bookingIds: string[]) => Promise<(ScreeningSummary | null)[]>,
): Promise<(ScreeningSummary | null)[]> {
  const missing = bookings.filter((b) => (b as Parent)[PRIMED] === undefined).map((b) => b.id);
  const found = missing.length > 0 ? await read(missing) : [];
  const byId = new Map(missing.map((id, i) => [id, found[i] ?? null]));
  return bookings.map((b) => (b as Parent)[PRIMED] ?? byId.get(b.id) ?? null);
}
