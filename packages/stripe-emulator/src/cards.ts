// Stripe's test PaymentMethod ids (`pm_card_*`) and how each behaves. Passing one
// where a PaymentMethod is expected creates a concrete `pm_...` object, as Stripe does.

export interface Decline {
  code: string;
  declineCode: string;
  message: string;
}

export interface TestCard {
  brand: 'visa' | 'mastercard' | 'amex';
  last4: string;
  funding: 'credit' | 'debit';
  /** Charges are declined with this error. */
  decline?: Decline;
  /**
   * Whether the card can be saved (attach / SetupIntent). Stripe refuses to attach
   * its decline cards; pm_card_chargeCustomerFail attaches fine and declines later.
   */
  attachable: boolean;
  /** Emulator-only: authorization succeeds, every capture attempt is declined. */
  captureFails?: boolean;
}

const generic: Decline = {
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

const decline = (last4: string, d: Decline, attachable = false): TestCard => ({
  brand: 'visa',
  last4,
  funding: 'credit',
  decline: d,
  attachable,
});

export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', funding: 'credit', attachable: true },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', funding: 'debit', attachable: true },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', funding: 'credit', attachable: true },
  pm_card_amex: { brand: 'amex', last4: '8431', funding: 'credit', attachable: true },
  pm_card_chargeDeclined: decline('0002', generic),
  pm_card_chargeDeclinedInsufficientFunds: decline('9995', {
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  }),
  pm_card_chargeDeclinedLostCard: decline('9987', { ...generic, declineCode: 'lost_card' }),
  pm_card_chargeDeclinedFraudulent: decline('0019', { ...generic, declineCode: 'fraudulent' }),
  pm_card_chargeDeclinedExpiredCard: decline('0069', {
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  }),
  pm_card_chargeDeclinedIncorrectCvc: decline('0127', {
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  }),
  pm_card_chargeDeclinedProcessingError: decline('0119', {
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  }),
  pm_card_chargeCustomerFail: decline('0341', generic, true),
  pm_card_captureFails: {
    brand: 'visa',
    last4: '0000',
    funding: 'credit',
    attachable: true,
    captureFails: true,
  },
};

/** The error a capture of a pm_card_captureFails authorization gets. */
export const CAPTURE_DECLINE: Decline = generic;

/** Resolves `pm_card_*` ids, including Stripe's `pm_card_visa_chargeDeclined*` spellings. */
export function testCardKey(ref: string): string | undefined {
  if (Object.hasOwn(TEST_CARDS, ref)) return ref;
  const alias = ref.replace(/^pm_card_visa_charge/, 'pm_card_charge');
  return Object.hasOwn(TEST_CARDS, alias) ? alias : undefined;
}
