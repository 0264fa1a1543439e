import type { EventHandlers } from '@mm/queue';
import { recordPressureReport } from './therapist-outcomes.repository.ts';

/** booking.pressure_reported: only whether the session went above the agreed cap (no health details). */
export function pressureEventHandlers(): EventHandlers {
  return {
    'booking.pressure_reported': async (event, tx) => {
      const p = event.payload;
      await recordPressureReport(tx, {
        bookingId: p.bookingId,
        therapistId: p.therapistId,
        clientId: p.clientId,
        overCap: p.overCap,
        reportedAt: new Date(p.reportedAt),
      });
    },
  };
}
