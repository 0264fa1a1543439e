import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Every code the charges module throws; each has its sentence in ERROR_CODES. */
export const CHARGES_ERRORS = [
  'NO_SAVED_CARD',
  'CARD_DECLINED',
  'PAYMENT_NOT_CAPTURED',
  'REFUND_EXCEEDS_CAPTURED',
  'TIP_WINDOW_CLOSED',
  'TIP_ALREADY_ADDED',
  'PAYMENT_PROVIDER_UNAVAILABLE',
] as const satisfies readonly ErrorCode[];
export type ChargesErrorCode = (typeof CHARGES_ERRORS)[number];

export class ChargesError extends DomainError<ChargesErrorCode> {}
