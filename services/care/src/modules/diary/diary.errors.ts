import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the diary module throws; each has its sentence in ERROR_CODES. */
export const DIARY_ERRORS = ['DIARY_ENTRY_INVALID'] as const satisfies readonly ErrorCode[];
export type DiaryErrorCode = (typeof DIARY_ERRORS)[number];

export class DiaryError extends DomainError<DiaryErrorCode> {}
