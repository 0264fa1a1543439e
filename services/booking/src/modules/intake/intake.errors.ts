import { DomainError, type ErrorCode } from '@mm/graphql-kit';

export const INTAKE_ERRORS = [
  'INTAKE_REQUIRED',
  'INTAKE_RECONFIRMATION_REQUIRED',
  'INTAKE_NOT_CURRENT',
] as const satisfies readonly ErrorCode[];
export type IntakeErrorCode = (typeof INTAKE_ERRORS)[number];

export class IntakeError extends DomainError<IntakeErrorCode> {}
