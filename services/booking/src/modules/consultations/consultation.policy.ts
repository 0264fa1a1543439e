import { BookingError } from '../bookings/booking.errors.ts';
import { assertBookingWindow, type PriceBook, type Quote } from '../pricing/pricing.policy.ts';
import { isIanaZone } from '../shared/timezone.ts';

export const CONSULTATION_MINUTES = 15;
export const CONSULTATION_MODES = ['PHONE', 'VIDEO'] as const;
export type ConsultationMode = (typeof CONSULTATION_MODES)[number];

/**
 * A consultation is free and remote: the price book's booking window still
 * applies (no sooner than a session, no further ahead), nothing else of it.
 * The quote has one zero line so every booking reads the same way.
 */
export function consultationQuote(
  book: PriceBook,
  input: { startsAt: Date; bookedAt: Date; timezone: string },
): Quote {
  if (!isIanaZone(input.timezone)) {
    throw new BookingError('INVALID_TIMEZONE', `"${input.timezone}" is not a valid IANA timezone.`);
  }
  assertBookingWindow(book, input.startsAt.getTime() - input.bookedAt.getTime());
  return {
    priceBookVersion: book.version,
    currency: book.currency,
    durationMinutes: CONSULTATION_MINUTES as Quote['durationMinutes'],
    lines: [{ code: 'CONSULTATION', label: 'Free 15-minute consultation', amount: 0 }],
    subtotal: 0,
    tip: 0,
    total: 0,
    platformFee: 0,
    therapistPayout: 0,
  };
}

/** A remote call needs no travel: the therapist is busy for the call only. */
export function consultationTimes(startsAt: Date) {
  const endsAt = new Date(startsAt.getTime() + CONSULTATION_MINUTES * 60_000);
  return {
    startsAt,
    endsAt,
    durationMinutes: CONSULTATION_MINUTES,
    travelBufferMinutes: 0,
    busyFrom: startsAt,
    busyUntil: endsAt,
  };
}
