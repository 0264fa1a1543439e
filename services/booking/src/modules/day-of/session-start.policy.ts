import { DayOfError } from './day-of.errors.ts';

/**
 * The `startSession` rule (safety-rules.md), owned by the day-of module: a
 * session cannot start without a passing day-of check recorded within the
 * last 2 hours, and modifications must be acknowledged again after that check.
 * Its errors are the ones the client receives; nothing translates them.
 */
export type ScreeningOutcome = 'CLEAR' | 'CLEAR_WITH_MODIFICATIONS' | 'DEFER' | 'REFER';

export interface LatestCheck {
  readonly id: string;
  readonly outcome: ScreeningOutcome;
  readonly passing: boolean;
  /** The check ended the visit (REFER, DEFER without gentle-only, or the visit was ended after a DEFER). */
  readonly visitEnded: boolean;
  readonly recordedAt: Date;
}

export interface SessionStartInput {
  readonly now: Date;
  /** The latest day-of check recorded for this booking, if any. */
  readonly dayOfCheck: LatestCheck | null;
  /** True when the booking-time screening or the check carried modifications. */
  readonly bookingHasModifications: boolean;
  /** When the therapist last acknowledged the modifications. */
  readonly modificationsAcknowledgedAt: Date | null;
}

export const DAY_OF_CHECK_MAX_AGE_MINUTES = 120;

/** Throws the first reason the session may not start; returns normally otherwise. */
export function assertSessionCanStart(input: SessionStartInput): void {
  const { dayOfCheck: check, now } = input;
  if (check === null) {
    throw new DayOfError(
      'DAY_OF_CHECK_REQUIRED',
      'The session cannot start: run the day-of pre-session check with the client first.',
    );
  }
  if (!check.passing && (check.outcome === 'REFER' || check.visitEnded)) {
    throw new DayOfError(
      'DAY_OF_CHECK_NOT_CLEAR',
      `The session cannot start: the day-of check outcome is ${check.outcome} and the visit has ended.`,
      { outcome: check.outcome, checkId: check.id },
    );
  }
  if (!check.passing) {
    throw new DayOfError(
      'DAY_OF_CHECK_NOT_PASSING',
      `The session cannot start: the latest day-of check is ${check.outcome}. Run it again choosing gentle-only, or end the visit.`,
      { outcome: check.outcome, checkId: check.id },
    );
  }
  const ageMs = now.getTime() - check.recordedAt.getTime();
  // Exactly 2 h old is still "within the last 2 hours".
  if (ageMs > DAY_OF_CHECK_MAX_AGE_MINUTES * 60_000) {
    throw new DayOfError(
      'DAY_OF_CHECK_STALE',
      'The session cannot start: the day-of check is more than 2 hours old. Run it again with the client.',
      { ageMinutes: Math.floor(ageMs / 60_000), checkId: check.id },
    );
  }
  const needsAck = input.bookingHasModifications || check.outcome === 'CLEAR_WITH_MODIFICATIONS';
  // The acknowledgement must postdate the check, because the check may have added modifications.
  const ack = input.modificationsAcknowledgedAt;
  if (needsAck && (ack === null || ack.getTime() < check.recordedAt.getTime())) {
    throw new DayOfError(
      'MODIFICATIONS_NOT_ACKNOWLEDGED',
      'The session cannot start: acknowledge every modification of the day-of check first.',
      { checkId: check.id },
    );
  }
}
