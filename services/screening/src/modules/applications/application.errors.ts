/**
 * The applications module's one exception type; the GraphQL layer maps it by
 * `code` in one place. Codes are public API and never change meaning.
 * A const object rather than a TS `enum` keeps the file erasable syntax.
 */
export const ApplicationErrorCode = {
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  REASON_REQUIRED: 'REASON_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_EDITABLE: 'NOT_EDITABLE',
} as const;
export type ApplicationErrorCode = (typeof ApplicationErrorCode)[keyof typeof ApplicationErrorCode];

export const APPLICATION_ERROR_MESSAGES: Readonly<Record<ApplicationErrorCode, string>> = {
  ILLEGAL_TRANSITION: 'This action is not allowed in the application’s current state.',
  REASON_REQUIRED: 'This decision needs a reason.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_EDITABLE: 'The application can only be edited while it is a draft or more information was requested.',
};

export class ApplicationError extends Error {
  override readonly name: string = 'ApplicationError';
  readonly code: ApplicationErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ApplicationErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(message ?? APPLICATION_ERROR_MESSAGES[code]);
    this.code = code;
    this.details = details;
  }
}

export function isApplicationError(error: unknown): error is ApplicationError {
  return error instanceof ApplicationError;
}
