import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Booking-time screening's own codes; intake problems surface as the intake module's IntakeError, unwrapped. */
export const SAFETY_ERRORS = [
  'GENTLE_ONLY_NOT_AVAILABLE',
  'CONFLICT',
] as const satisfies readonly ErrorCode[];
export type SafetyErrorCode = (typeof SAFETY_ERRORS)[number];

export class SafetyError extends DomainError<SafetyErrorCode> {}
