import type { Booking, Offer } from '@mm/db';
import { DEFAULT_JURISDICTION_RULES } from '@mm/eligibility';
import type { NewNotification } from '@mm/queue';
import type { ScreeningSummary } from '../safety/safety.service.ts';

/** Where the job is, as precise as an offer may be before acceptance: the jurisdiction, never the address. */
export function offerArea(jurisdiction: string): string {
  const name = DEFAULT_JURISDICTION_RULES[jurisdiction]?.name;
  return name ? `${name} (${jurisdiction})` : jurisdiction;
}

/**
 * The `job-offer` message to the offered therapist: where, when (rendered in their zone), how long, until when,
 * and the screening's modifications in the words the therapist acknowledges. One per offer (the dedupe key).
 */
export function jobOfferNotification(
  booking: Pick<Booking, 'id' | 'startsAt' | 'durationMinutes' | 'jurisdiction' | 'timezone'>,
  offer: Pick<Offer, 'id' | 'therapistId' | 'distanceMeters' | 'expiresAt'>,
  summary: Pick<ScreeningSummary, 'modifications'> | null,
  therapistTimeZone: string | null,
): NewNotification {
  return {
    userId: offer.therapistId,
    template: 'job-offer',
    dedupeKey: `job-offer-${offer.id}`,
    payload: {
      bookingId: booking.id,
      offerId: offer.id,
      startsAt: booking.startsAt.toISOString(),
      durationMinutes: booking.durationMinutes,
      area: offerArea(booking.jurisdiction),
      distanceKm: Math.round(offer.distanceMeters / 100) / 10,
      modifications: (summary?.modifications ?? []).map((m) => m.text),
      expiresAt: offer.expiresAt.toISOString(),
      timeZone: therapistTimeZone ?? booking.timezone,
    },
  };
}
