import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the documents module throws; each code's sentence lives once, in ERROR_CODES. */
export const DOCUMENT_ERRORS = [
  'DOCUMENT_EMPTY',
  'DOCUMENT_TOO_LARGE',
  'DOCUMENT_TYPE_NOT_ALLOWED',
  'DOCUMENT_TYPE_MISMATCH',
  'DOCUMENT_EXECUTABLE',
  'DOCUMENT_CHECKSUM_MISMATCH',
  'NOT_EDITABLE',
] as const satisfies readonly ErrorCode[];
export type DocumentErrorCode = (typeof DOCUMENT_ERRORS)[number];
/** The codes by name (`DocumentErrorCode.DOCUMENT_EMPTY`); each is its own string literal. */
export const DocumentErrorCode = Object.fromEntries(DOCUMENT_ERRORS.map((c) => [c, c])) as {
  readonly [C in DocumentErrorCode]: C;
};

/** The documents module's one exception type, thrown by the pure upload policy and the service alike. */
export class DocumentError extends DomainError<DocumentErrorCode> {}
