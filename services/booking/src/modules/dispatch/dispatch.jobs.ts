import type { EventHandlers } from '@mm/queue';
import type { BookingsService } from '../bookings/bookings.service.ts';

/** How bookings react to payments and care. */
export function bookingEventHandlers(bookings: BookingsService): EventHandlers {
  return {
    'payment.hold_placed': (event, tx) => bookings.holdReady(tx, event.payload.bookingId, false),
    'payment.hold_scheduled': (event, tx) => bookings.holdReady(tx, event.payload.bookingId, true),
    'payment.hold_failed': (event, tx) =>
      bookings.holdFailed(tx, event.payload.bookingId, event.payload.reason),
    'care.rebook_requested': (event, tx) => bookings.createRebookDraft(tx, event),
  };
}
