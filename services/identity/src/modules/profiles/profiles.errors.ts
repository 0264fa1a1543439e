import { DomainError, type ErrorCode } from '@mm/graphql-kit';

export const PROFILES_ERRORS = ['ADDRESS_NOT_GEOCODABLE'] as const satisfies readonly ErrorCode[];
export class ProfilesError extends DomainError<(typeof PROFILES_ERRORS)[number]> {}
