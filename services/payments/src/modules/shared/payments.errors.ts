import { DomainError } from '@mm/graphql-kit';

export enum PaymentsErrorCode {
  NO_SAVED_CARD = 'NO_SAVED_CARD',
  CARD_DECLINED = 'CARD_DECLINED',
  PAYMENT_NOT_CAPTURED = 'PAYMENT_NOT_CAPTURED',
  REFUND_EXCEEDS_CAPTURED = 'REFUND_EXCEEDS_CAPTURED',
  TIP_WINDOW_CLOSED = 'TIP_WINDOW_CLOSED',
  TIP_ALREADY_ADDED = 'TIP_ALREADY_ADDED',
  PAYMENT_PROVIDER_UNAVAILABLE = 'PAYMENT_PROVIDER_UNAVAILABLE',
}

/** The one exception type of the payments service; codes are registered in ERROR_CODES. */
export class PaymentsError extends DomainError {
  constructor(code: PaymentsErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'PaymentsError';
  }
}
