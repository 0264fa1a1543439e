import { BookingError, BookingErrorCode } from './booking.errors.ts';

/**
 * Guard for the `startSession` transition (safety-rules.md): a session cannot
 * start without a passing day-of check recorded within the last 2 hours, and
 * modifications must be acknowledged again before starting.
 */
export type ScreeningOutcome = 'CLEAR' | 'CLEAR_WITH_MODIFICATIONS' | 'DEFER' | 'REFER';

export interface SessionStartInput {
  readonly now: Date;
  /** The latest day-of check recorded for this booking, if any. */
  readonly dayOfCheck: { readonly outcome: ScreeningOutcome; readonly recordedAt: Date } | null;
  /** True when the booking-time screening carried modifications. */
  readonly bookingHasModifications: boolean;
  /** When the therapist last acknowledged the modifications. */
  readonly modificationsAcknowledgedAt: Date | null;
}

export const DAY_OF_CHECK_MAX_AGE_MINUTES = 120;

/** Throws the first reason the session may not start; returns normally otherwise. */
export function assertSessionCanStart(input: SessionStartInput): void {
  const { dayOfCheck, now } = input;
  if (dayOfCheck === null) throw new BookingError(BookingErrorCode.DAY_OF_CHECK_REQUIRED);
  if (dayOfCheck.outcome === 'REFER' || dayOfCheck.outcome === 'DEFER') {
    throw new BookingError(
      BookingErrorCode.DAY_OF_CHECK_NOT_CLEAR,
      `The day-of check outcome is ${dayOfCheck.outcome}; the session cannot start (block the booking instead).`,
      { outcome: dayOfCheck.outcome },
    );
  }
  const ageMs = now.getTime() - dayOfCheck.recordedAt.getTime();
  // Exactly 2 h old is still "within the last 2 hours".
  if (ageMs > DAY_OF_CHECK_MAX_AGE_MINUTES * 60_000) {
    throw new BookingError(BookingErrorCode.DAY_OF_CHECK_STALE, undefined, {
      ageMinutes: Math.floor(ageMs / 60_000),
    });
  }
  const needsAck = input.bookingHasModifications || dayOfCheck.outcome === 'CLEAR_WITH_MODIFICATIONS';
  // The acknowledgement must postdate the check, because the check may have added modifications.
  const ack = input.modificationsAcknowledgedAt;
  if (needsAck && (ack === null || ack.getTime() < dayOfCheck.recordedAt.getTime())) {
    throw new BookingError(BookingErrorCode.MODIFICATIONS_NOT_ACKNOWLEDGED);
  }
}
