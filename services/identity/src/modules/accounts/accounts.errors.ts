import { DomainError } from '@mm/graphql-kit';

export enum AccountsErrorCode {
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  REFRESH_TOKEN_INVALID = 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  PASSWORD_REUSED = 'PASSWORD_REUSED',
}

export class AccountsError extends DomainError {
  constructor(code: AccountsErrorCode, message?: string) {
    super(code, message);
    this.name = 'AccountsError';
  }
}
