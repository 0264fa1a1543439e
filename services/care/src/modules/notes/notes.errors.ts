import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the notes module throws; each has its sentence in ERROR_CODES. */
export const NOTES_ERRORS = [
  'SESSION_NOT_COMPLETED',
  'NOTE_AMENDMENT_REASON_REQUIRED',
] as const satisfies readonly ErrorCode[];
export type NotesErrorCode = (typeof NOTES_ERRORS)[number];

export class NotesError extends DomainError<NotesErrorCode> {}
