import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the day-of module (door check, session start, pressure reports, incidents) throws. */
export const DAY_OF_ERRORS = [
  'DAY_OF_CHECK_REQUIRED',
  'DAY_OF_CHECK_STALE',
  'DAY_OF_CHECK_NOT_PASSING',
  'DAY_OF_CHECK_NOT_CLEAR',
  'MODIFICATIONS_NOT_ACKNOWLEDGED',
  'DAY_OF_ALREADY_ACKNOWLEDGED',
  'BOOKING_NOT_AT_DOOR',
  'VISIT_ALREADY_ENDED',
  'GENTLE_ONLY_NOT_AVAILABLE',
  'CONFIRMATION_REQUIRED',
  'INTAKE_REQUIRED',
  'SESSION_NOT_COMPLETED',
  'PRESSURE_ALREADY_REPORTED',
  'INCIDENT_ALREADY_RESOLVED',
  'CONFLICT',
] as const satisfies readonly ErrorCode[];
export type DayOfErrorCode = (typeof DAY_OF_ERRORS)[number];

export class DayOfError extends DomainError<DayOfErrorCode> {}
