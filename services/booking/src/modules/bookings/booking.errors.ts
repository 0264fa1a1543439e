import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the bookings module (lifecycle, pricing, cancellation, ratings) throws; sentences in ERROR_CODES. */
export const BOOKING_ERRORS = [
  'ILLEGAL_TRANSITION',
  'ADDRESS_NOT_FOUND',
  'TOO_SOON',
  'TOO_FAR_AHEAD',
  'INVALID_DURATION',
  'INVALID_TIMEZONE',
  'INVALID_TIP',
  'INVALID_INPUT',
  'INVALID_POLICY',
  'INVALID_CANCELLATION',
  'NO_SHOW_TOO_EARLY',
  'EN_ROUTE_TOO_EARLY',
  'ARRIVAL_TOO_EARLY',
  'SESSION_START_TOO_EARLY',
  'PAYMENT_NOT_HELD',
  'PAYMENT_AUTHORIZATION_CLOSED',
  'ALREADY_RATED',
  'RATING_NOT_ALLOWED',
] as const satisfies readonly ErrorCode[];
export type BookingErrorCode = (typeof BOOKING_ERRORS)[number];

export class BookingError extends DomainError<BookingErrorCode> {}
