import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the dispatch module (offers, accept, decline) throws; sentences in ERROR_CODES. */
export const DISPATCH_ERRORS = [
  'ALREADY_TAKEN',
  'OFFER_EXPIRED',
  'DOUBLE_BOOKED',
  'THERAPIST_NOT_ELIGIBLE',
  'MODIFICATIONS_NOT_ACKNOWLEDGED',
  'INVALID_POLICY',
  'INVALID_INPUT',
] as const satisfies readonly ErrorCode[];
export type DispatchErrorCode = (typeof DISPATCH_ERRORS)[number];

export class DispatchError extends DomainError<DispatchErrorCode> {}
