import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the adherence module throws; each has its sentence in ERROR_CODES. */
export const ADHERENCE_ERRORS = [
  'HOMEWORK_PLAN_ENDED',
  'HOMEWORK_ITEM_NOT_IN_PLAN',
  'CARE_ALERT_ALREADY_ACKNOWLEDGED',
] as const satisfies readonly ErrorCode[];
export type AdherenceErrorCode = (typeof ADHERENCE_ERRORS)[number];

export class AdherenceError extends DomainError<AdherenceErrorCode> {}
