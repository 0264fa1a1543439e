import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the homework module throws; each has its sentence in ERROR_CODES. */
export const HOMEWORK_ERRORS = [
  'SESSION_NOT_COMPLETED',
  'HOMEWORK_PAIN_CAP_ABOVE_MAX',
  'HOMEWORK_PAIN_CAP_ABOVE_SESSION_CAP',
  'HOMEWORK_PLAN_INVALID',
  'HOMEWORK_PLAN_EXISTS',
  'HOMEWORK_PLAN_TRANSITION_INVALID',
  'HOMEWORK_PLAN_ENDED',
] as const satisfies readonly ErrorCode[];
export type HomeworkErrorCode = (typeof HOMEWORK_ERRORS)[number];

export class HomeworkError extends DomainError<HomeworkErrorCode> {}
