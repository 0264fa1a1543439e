import type { BookingState } from '../bookings/booking.state-machine.ts';
import { DispatchError } from './dispatch.errors.ts';

/**
 * Whether a therapist may accept an offer. The database makes the first
 * accept win atomically; this decides which clear error the others get.
 */
export type OfferStatus = 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'WITHDRAWN';

export interface OfferAcceptanceInput {
  readonly bookingState: BookingState;
  readonly offer: { readonly status: OfferStatus; readonly expiresAt: Date };
  /** The booking's screening carried modifications that travel with the offer. */
  readonly modificationsRequired: boolean;
  /** The therapist acknowledged them with this accept. */
  readonly modificationsAcknowledged: boolean;
  readonly now: Date;
}

/** States in which some therapist holds the booking. */
const TAKEN: readonly BookingState[] = [
  'CONFIRMED',
  'EN_ROUTE',
  'ARRIVED',
  'IN_SESSION',
  'COMPLETED',
  'NO_SHOW',
];

/** Some therapist holds a booking in this state. */
export const isTaken = (state: BookingState): boolean => TAKEN.includes(state);

/**
 * 'ACCEPT' when the accept may go ahead; 'ALREADY_ACCEPTED' when this very
 * offer was accepted before (a retried request succeeds, it does not fail);
 * otherwise a DispatchError: ALREADY_TAKEN, OFFER_EXPIRED or MODIFICATIONS_NOT_ACKNOWLEDGED.
 * An offer is open while now < expiresAt.
 */
export function checkOfferAcceptance(input: OfferAcceptanceInput): 'ACCEPT' | 'ALREADY_ACCEPTED' {
  const { offer, bookingState, now } = input;
  if (offer.status === 'ACCEPTED') return 'ALREADY_ACCEPTED';
  if (offer.status === 'WITHDRAWN' || isTaken(bookingState)) {
    throw new DispatchError('ALREADY_TAKEN');
  }
  if (bookingState !== 'SEARCHING') {
    throw new DispatchError('OFFER_EXPIRED', 'This booking is no longer available.', {
      bookingState,
    });
  }
  if (offer.status !== 'OPEN' || now.getTime() >= offer.expiresAt.getTime()) {
    throw new DispatchError('OFFER_EXPIRED', undefined, { offerStatus: offer.status });
  }
  if (input.modificationsRequired && !input.modificationsAcknowledged) {
    throw new DispatchError('MODIFICATIONS_NOT_ACKNOWLEDGED');
  }
  return 'ACCEPT';
}
