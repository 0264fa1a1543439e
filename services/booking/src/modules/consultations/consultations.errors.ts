import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Free consultations (issue 18). */
export const CONSULTATION_ERRORS = [
  'CONSULTATION_NOT_OFFERED',
  'NOT_A_CONSULTATION',
] as const satisfies readonly ErrorCode[];
export type ConsultationErrorCode = (typeof CONSULTATION_ERRORS)[number];

export class ConsultationError extends DomainError<ConsultationErrorCode> {}
