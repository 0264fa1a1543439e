import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** The therapist search and the client's choice after a direct request (issue 18). */
export const BROWSE_ERRORS = [
  'SCREENING_BLOCKS_BOOKING',
  'CHOICE_THERAPIST_REQUIRED',
] as const satisfies readonly ErrorCode[];
export type BrowseErrorCode = (typeof BROWSE_ERRORS)[number];

export class BrowseError extends DomainError<BrowseErrorCode> {}
