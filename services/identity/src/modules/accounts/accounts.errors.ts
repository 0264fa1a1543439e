import { DomainError, type ErrorCode } from '@mm/graphql-kit';

export const ACCOUNTS_ERRORS = [
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'PASSWORD_REUSED',
] as const satisfies readonly ErrorCode[];
export type AccountsErrorCode = (typeof ACCOUNTS_ERRORS)[number];
/** The codes by name, so `AccountsErrorCode.EMAIL_TAKEN` still reads as before; each is its own string literal. */
export const AccountsErrorCode = Object.fromEntries(ACCOUNTS_ERRORS.map((c) => [c, c])) as {
  readonly [C in AccountsErrorCode]: C;
};

export class AccountsError extends DomainError<AccountsErrorCode> {}
