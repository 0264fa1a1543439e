import type { EventHandlers } from '@mm/queue';
import type { CancellationsService } from './cancellations.service.ts';
import type { RequestsService } from './requests.service.ts';

/** How bookings react to payments and care. */
export function bookingEventHandlers(
  requests: RequestsService,
  cancellations: CancellationsService,
): EventHandlers {
  return {
    'payment.hold_placed': (event, tx) => requests.holdReady(tx, event.payload.bookingId, false),
    'payment.hold_scheduled': (event, tx) => requests.holdReady(tx, event.payload.bookingId, true),
    'payment.hold_failed': (event, tx) =>
      cancellations.holdFailed(tx, event.payload.bookingId, event.payload.reason),
    'care.rebook_requested': (event, tx) => requests.createRebookDraft(tx, event),
  };
}
