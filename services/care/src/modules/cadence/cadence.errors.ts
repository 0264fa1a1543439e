import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the cadence module throws; each has its sentence in ERROR_CODES. */
export const CADENCE_ERRORS = ['CADENCE_SUGGESTION_UNAVAILABLE'] as const satisfies readonly ErrorCode[];
export type CadenceErrorCode = (typeof CADENCE_ERRORS)[number];

export class CadenceError extends DomainError<CadenceErrorCode> {}
