import { randomUUID } from 'node:crypto';
import type { Prisma } from '@mm/db';

/**
 * A booking row written straight to the table (no request path), for tests and benches that need many:
 * a one-hour Swedish session in Midtown Manhattan starting at `startsAt`, 15 minutes' travel either side.
 */
export function bookingRow(
  startsAt: Date,
  over: Partial<Prisma.BookingUncheckedCreateInput> = {},
): Prisma.BookingUncheckedCreateInput {
  return {
    clientId: randomUUID(),
    state: 'SEARCHING',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3600_000),
    durationMinutes: 60,
    travelBufferMinutes: 15,
    busyFrom: new Date(startsAt.getTime() - 15 * 60_000),
    busyUntil: new Date(startsAt.getTime() + 75 * 60_000),
    addressId: randomUUID(),
    latitude: 40.758,
    longitude: -73.9855,
    jurisdiction: 'US-NY',
    timezone: 'America/New_York',
    modalities: ['SWEDISH'],
    focusAreas: [],
    priceBookVersion: 'test',
    quote: {},
    currency: 'USD',
    subtotal: 12_000,
    platformFee: 3_000,
    ...over,
  };
}
