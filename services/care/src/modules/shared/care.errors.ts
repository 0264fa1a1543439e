import { DomainError } from '@mm/graphql-kit';

/** Every code care throws; each is registered in ERROR_CODES (`packages/graphql-kit/src/errors.ts`). */
export enum CareErrorCode {
  SESSION_NOT_COMPLETED = 'SESSION_NOT_COMPLETED',
  NOTE_AMENDMENT_REASON_REQUIRED = 'NOTE_AMENDMENT_REASON_REQUIRED',
  HOMEWORK_PAIN_CAP_ABOVE_MAX = 'HOMEWORK_PAIN_CAP_ABOVE_MAX',
  HOMEWORK_PAIN_CAP_ABOVE_SESSION_CAP = 'HOMEWORK_PAIN_CAP_ABOVE_SESSION_CAP',
  HOMEWORK_PLAN_INVALID = 'HOMEWORK_PLAN_INVALID',
  HOMEWORK_PLAN_EXISTS = 'HOMEWORK_PLAN_EXISTS',
  HOMEWORK_PLAN_TRANSITION_INVALID = 'HOMEWORK_PLAN_TRANSITION_INVALID',
  HOMEWORK_PLAN_ENDED = 'HOMEWORK_PLAN_ENDED',
  HOMEWORK_ITEM_NOT_IN_PLAN = 'HOMEWORK_ITEM_NOT_IN_PLAN',
  DIARY_ENTRY_INVALID = 'DIARY_ENTRY_INVALID',
  QUESTIONNAIRE_INVALID = 'QUESTIONNAIRE_INVALID',
  CADENCE_SUGGESTION_UNAVAILABLE = 'CADENCE_SUGGESTION_UNAVAILABLE',
  CARE_ALERT_ALREADY_ACKNOWLEDGED = 'CARE_ALERT_ALREADY_ACKNOWLEDGED',
}

/** The one DomainError subclass of care: a module's rule said no, with a sentence a person understands. */
export class CareError extends DomainError {
  constructor(code: CareErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'CareError';
  }
}
