import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the applications module throws; each code's sentence lives once, in ERROR_CODES. */
export const APPLICATION_ERRORS = [
  'ILLEGAL_TRANSITION',
  'REASON_REQUIRED',
  'FORBIDDEN',
  'NOT_EDITABLE',
  'APPROVAL_BLOCKED',
  'APPLICATION_INCOMPLETE',
  'ALREADY_REVIEWED',
  'APPLICATION_ALREADY_CLAIMED',
  'APPLICATION_CLAIMED_BY_ANOTHER',
  'DOCUMENT_NOT_UPLOADED',
  'INTRA_ORAL_NOT_ENDORSED',
] as const satisfies readonly ErrorCode[];
export type ApplicationErrorCode = (typeof APPLICATION_ERRORS)[number];
/** The codes by name (`ApplicationErrorCode.ILLEGAL_TRANSITION`); each is its own string literal. */
export const ApplicationErrorCode = Object.fromEntries(APPLICATION_ERRORS.map((c) => [c, c])) as {
  readonly [C in ApplicationErrorCode]: C;
};

/** The applications module's one exception type, thrown by the pure state machine and the service alike. */
export class ApplicationError extends DomainError<ApplicationErrorCode> {}
