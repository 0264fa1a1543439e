import type { EventHandlers } from '@mm/queue';

/** booking.pressure_reported: only whether the session went above the agreed cap (no health details). */
export function pressureEventHandlers(): EventHandlers {
  return {
    'booking.pressure_reported': async (event, tx) => {
      const p = event.payload;
      await tx.carePressureReport.createMany({
        data: [
          {
            bookingId: p.bookingId,
            therapistId: p.therapistId,
            clientId: p.clientId,
            overCap: p.overCap,
            reportedAt: new Date(p.reportedAt),
          },
        ],
        skipDuplicates: true,
      });
    },
  };
}
