import type { Booking, Prisma } from '@mm/db';
import { DateTime } from 'luxon';
import type { PriceBook, Quote } from '../pricing/pricing.policy.ts';

/** Each side of a session: the gap between two jobs of one therapist is twice this. */
export const TRAVEL_BUFFER_MINUTES = 15;
/** A therapist still on site this long after the planned end raises a trust-and-safety alert. */
export const CHECKOUT_ALERT_AFTER_MINUTES = 40;
const MINUTE = 60_000;

/** An amount in the booking's currency, as events carry money. */
export const money = (booking: { currency: string }, amount: number) => ({
  amount,
  currency: booking.currency,
});

export function timeFields(startsAt: Date, durationMinutes: number) {
  const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE);
  return {
    startsAt,
    endsAt,
    durationMinutes,
    travelBufferMinutes: TRAVEL_BUFFER_MINUTES,
    busyFrom: new Date(startsAt.getTime() - TRAVEL_BUFFER_MINUTES * MINUTE),
    busyUntil: new Date(endsAt.getTime() + TRAVEL_BUFFER_MINUTES * MINUTE),
  };
}

export function priceFields(book: PriceBook, q: Quote) {
  return {
    priceBookVersion: book.version,
    quote: q as unknown as Prisma.InputJsonValue,
    currency: q.currency,
    subtotal: q.subtotal,
    platformFee: q.platformFee,
  };
}

/** When the check-out watch looks. */
export const checkoutAlertAt = (booking: Pick<Booking, 'endsAt'>): Date =>
  new Date(booking.endsAt.getTime() + CHECKOUT_ALERT_AFTER_MINUTES * MINUTE);

/** The session's date where it takes place (licenses and availability are by local date). */
export const localDate = (booking: Pick<Booking, 'startsAt' | 'timezone'>): string =>
  DateTime.fromJSDate(booking.startsAt, { zone: booking.timezone }).toISODate() as string;

export const canSee = (viewer: { userId: string; role: string }, booking: Booking): boolean =>
  viewer.role === 'ADMIN' || booking.clientId === viewer.userId || booking.therapistId === viewer.userId;
