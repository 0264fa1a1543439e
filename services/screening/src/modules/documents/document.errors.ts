/**
 * The documents module's one exception type; codes are public API.
 * Messages are written for the person uploading.
 */
export const DocumentErrorCode = {
  DOCUMENT_EMPTY: 'DOCUMENT_EMPTY',
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  DOCUMENT_TYPE_NOT_ALLOWED: 'DOCUMENT_TYPE_NOT_ALLOWED',
  DOCUMENT_TYPE_MISMATCH: 'DOCUMENT_TYPE_MISMATCH',
  DOCUMENT_EXECUTABLE: 'DOCUMENT_EXECUTABLE',
  DOCUMENT_CHECKSUM_MISMATCH: 'DOCUMENT_CHECKSUM_MISMATCH',
} as const;
export type DocumentErrorCode = (typeof DocumentErrorCode)[keyof typeof DocumentErrorCode];

export const DOCUMENT_ERROR_MESSAGES: Readonly<Record<DocumentErrorCode, string>> = {
  DOCUMENT_EMPTY: 'The file is empty.',
  DOCUMENT_TOO_LARGE: 'The file is too large.',
  DOCUMENT_TYPE_NOT_ALLOWED: 'Upload a PDF, JPEG, PNG or HEIC file.',
  DOCUMENT_TYPE_MISMATCH: 'The file’s content does not match its declared type.',
  DOCUMENT_EXECUTABLE: 'Executable files and scripts are not accepted.',
  DOCUMENT_CHECKSUM_MISMATCH: 'The file changed in transit (checksum mismatch); upload it again.',
};

export class DocumentError extends Error {
  override readonly name: string = 'DocumentError';
  readonly code: DocumentErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DocumentErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(message ?? DOCUMENT_ERROR_MESSAGES[code]);
    this.code = code;
    this.details = details;
  }
}

export function isDocumentError(error: unknown): error is DocumentError {
  return error instanceof DocumentError;
}
