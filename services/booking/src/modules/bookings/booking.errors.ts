import { DomainError } from '@mm/graphql-kit';

/**
 * The booking service's one exception type. The GraphQL layer maps it to an
 * error by `code` in one place; `code` values are part of the public API and
 * never change meaning.
 *
 * A const object instead of a TS `enum` so the file stays erasable syntax
 * (runs under Node's type stripping as well as tsx); usage is identical:
 * `BookingErrorCode.TOO_SOON`.
 */
export const BookingErrorCode = {
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  ADDRESS_NOT_FOUND: 'ADDRESS_NOT_FOUND',
  ALREADY_TAKEN: 'ALREADY_TAKEN',
  OFFER_EXPIRED: 'OFFER_EXPIRED',
  TOO_SOON: 'TOO_SOON',
  TOO_FAR_AHEAD: 'TOO_FAR_AHEAD',
  INVALID_DURATION: 'INVALID_DURATION',
  INVALID_TIMEZONE: 'INVALID_TIMEZONE',
  INVALID_TIP: 'INVALID_TIP',
  INVALID_INPUT: 'INVALID_INPUT',
  INVALID_POLICY: 'INVALID_POLICY',
  INVALID_CANCELLATION: 'INVALID_CANCELLATION',
  NO_SHOW_TOO_EARLY: 'NO_SHOW_TOO_EARLY',
  DAY_OF_CHECK_REQUIRED: 'DAY_OF_CHECK_REQUIRED',
  DAY_OF_CHECK_STALE: 'DAY_OF_CHECK_STALE',
  DAY_OF_CHECK_NOT_CLEAR: 'DAY_OF_CHECK_NOT_CLEAR',
  MODIFICATIONS_NOT_ACKNOWLEDGED: 'MODIFICATIONS_NOT_ACKNOWLEDGED',
  DOUBLE_BOOKED: 'DOUBLE_BOOKED',
  THERAPIST_NOT_ELIGIBLE: 'THERAPIST_NOT_ELIGIBLE',
  ALREADY_RATED: 'ALREADY_RATED',
  RATING_NOT_ALLOWED: 'RATING_NOT_ALLOWED',
} as const;
export type BookingErrorCode = (typeof BookingErrorCode)[keyof typeof BookingErrorCode];

/** Default human messages; callers pass a more specific one when they have context. */
export const BOOKING_ERROR_MESSAGES: Readonly<Record<BookingErrorCode, string>> = {
  ILLEGAL_TRANSITION: 'This action is not allowed in the booking’s current state.',
  ADDRESS_NOT_FOUND: "We don't have that address on your profile; add it first, or wait a moment and retry.",
  ALREADY_TAKEN: 'This booking has already been taken by another therapist.',
  OFFER_EXPIRED: 'This offer has expired.',
  TOO_SOON: 'The session starts too soon to be booked.',
  TOO_FAR_AHEAD: 'The session is too far ahead to be booked.',
  INVALID_DURATION: 'The session length is not offered.',
  INVALID_TIMEZONE: 'The timezone is not a valid IANA timezone.',
  INVALID_TIP: 'The tip is not valid.',
  INVALID_INPUT: 'The request is not valid.',
  INVALID_POLICY: 'The stored policy is not valid.',
  INVALID_CANCELLATION: 'This cancellation is not valid.',
  NO_SHOW_TOO_EARLY: 'A no-show can only be recorded after the waiting time.',
  DAY_OF_CHECK_REQUIRED: 'The day-of pre-session check must be completed before the session starts.',
  DAY_OF_CHECK_STALE: 'The day-of pre-session check is too old; run it again.',
  DAY_OF_CHECK_NOT_CLEAR: 'The day-of pre-session check did not clear the session.',
  MODIFICATIONS_NOT_ACKNOWLEDGED: 'The screening modifications must be acknowledged first.',
  DOUBLE_BOOKED: 'The therapist already has a booking at that time.',
  THERAPIST_NOT_ELIGIBLE: 'You cannot take this booking right now.',
  ALREADY_RATED: 'You already rated this session.',
  RATING_NOT_ALLOWED: 'Only the client or therapist of a completed session can rate it.',
};

/**
 * A DomainError, so the one GraphQL error formatter maps `code` to
 * `extensions.code` (every code is registered in ERROR_CODES) and `details`
 * to further extensions.
 */
export class BookingError extends DomainError {
  override readonly name: string = 'BookingError';
  declare readonly code: BookingErrorCode;
  /** Structured, non-sensitive facts for logs and API extensions. */
  declare readonly details: Record<string, unknown>;

  constructor(code: BookingErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(code, message ?? BOOKING_ERROR_MESSAGES[code], details);
  }
}

export function isBookingError(error: unknown): error is BookingError {
  return error instanceof BookingError;
}
