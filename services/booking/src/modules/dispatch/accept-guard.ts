import type { Booking, Offer } from '@mm/db';
import type { BookingContext } from '../../context.ts';
import { DispatchError } from './dispatch.errors.ts';
import { checkOfferAcceptance } from './offer.policy.ts';

/** The states the exclusion constraint `bookings_no_overlap` covers. */
const HOLDS_TIME = ['CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION'] as const;

/**
 * The accept's checks on plain reads, before any transaction: under a
 * stampede of accepts only those that can still win take a connection for a
 * transaction; the rest get ALREADY_TAKEN, OFFER_EXPIRED or DOUBLE_BOOKED at
 * once. The transaction re-checks everything; this only sheds losers early.
 * Returns the result when this very offer was already accepted (a retry).
 */
export async function precheckAccept(
  ctx: Pick<BookingContext, 'prisma' | 'now'>,
  offer: Offer,
  acknowledgeModifications: boolean,
): Promise<{ offer: Offer; booking: Booking } | null> {
  const booking = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: offer.bookingId } });
  const roundOver = offer.round !== booking.dispatchRound && offer.status === 'OPEN';
  const verdict = checkOfferAcceptance({
    bookingState: booking.state,
    offer: { status: roundOver ? 'EXPIRED' : offer.status, expiresAt: offer.expiresAt },
    modificationsRequired: booking.modificationsRequired,
    modificationsAcknowledged: acknowledgeModifications,
    now: ctx.now(),
  });
  if (verdict === 'ALREADY_ACCEPTED') return { offer, booking };
  const clash = await ctx.prisma.booking.findFirst({
    where: {
      therapistId: offer.therapistId,
      state: { in: [...HOLDS_TIME] },
      busyFrom: { lt: booking.busyUntil },
      busyUntil: { gt: booking.busyFrom },
    },
    select: { id: true },
  });
  if (clash) {
    throw new DispatchError(
      'DOUBLE_BOOKED',
      'You already have a booking at that time (travel time included), so this offer cannot be accepted.',
    );
  }
  return null;
}
