import { DomainError, type ErrorCode } from '@mm/graphql-kit';

export const REVIEW_ERRORS = [
  'REVIEW_ALREADY_ANSWERED',
  'REVIEW_NOT_ANSWERABLE',
] as const satisfies readonly ErrorCode[];
export class ReviewError extends DomainError<(typeof REVIEW_ERRORS)[number]> {}
