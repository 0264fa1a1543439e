import { DomainError } from '@mm/graphql-kit';

export enum ProfilesErrorCode {
  ADDRESS_NOT_GEOCODABLE = 'ADDRESS_NOT_GEOCODABLE',
}

export class ProfilesError extends DomainError {
  constructor(code: ProfilesErrorCode, message?: string) {
    super(code, message);
    this.name = 'ProfilesError';
  }
}
