import type { Booking, Offer } from '@mm/db';
import type { BookingsRepository } from '../bookings/bookings.repository.ts';
import { DispatchError } from './dispatch.errors.ts';
import { checkOfferAcceptance } from './offer.policy.ts';

/**
 * The accept's checks on plain reads, before any transaction, for an offer
 * that cannot win or an accept without the gate: only those that can still
 * win take a connection for a transaction; the rest get ALREADY_TAKEN,
 * OFFER_EXPIRED or DOUBLE_BOOKED at once. The transaction re-checks
 * everything; this only sheds losers early.
 * Returns the result when this very offer was already accepted (a retry).
 */
export async function precheckAccept(
  ctx: { repo: BookingsRepository; now: () => Date },
  offer: Offer,
  acknowledgeModifications: boolean,
): Promise<{ offer: Offer; booking: Booking } | null> {
  // Its own row answers a withdrawn offer (another accept took the booking, or it left the market).
  if (offer.status === 'WITHDRAWN') throw new DispatchError('ALREADY_TAKEN');
  const booking = (await ctx.repo.find(offer.bookingId)) as Booking;
  const roundOver = offer.round !== booking.dispatchRound && offer.status === 'OPEN';
  const verdict = checkOfferAcceptance({
    bookingState: booking.state,
    offer: { status: roundOver ? 'EXPIRED' : offer.status, expiresAt: offer.expiresAt },
    modificationsRequired: booking.modificationsRequired,
    modificationsAcknowledged: acknowledgeModifications,
    now: ctx.now(),
  });
  if (verdict === 'ALREADY_ACCEPTED') return { offer, booking };
  if (await ctx.repo.therapistBusy(offer.therapistId, booking.busyFrom, booking.busyUntil)) {
    throw new DispatchError(
      'DOUBLE_BOOKED',
      'You already have a booking at that time (travel time included), so this offer cannot be accepted.',
    );
  }
  return null;
}
