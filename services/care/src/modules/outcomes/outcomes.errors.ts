import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the outcomes module throws; each has its sentence in ERROR_CODES. */
export const OUTCOMES_ERRORS = ['QUESTIONNAIRE_INVALID'] as const satisfies readonly ErrorCode[];
export type OutcomesErrorCode = (typeof OUTCOMES_ERRORS)[number];

export class OutcomesError extends DomainError<OutcomesErrorCode> {}
