import type { EventHandlers } from '@mm/queue';
import type { CadenceService } from '../cadence/cadence.service.ts';
import type { RemindersService } from '../reminders/reminders.service.ts';

/**
 * Care's projections: sessions from booking, timezones from identity. Each handler
 * runs once per event (createEventConsumer); out-of-order delivery never moves a
 * completed session back to confirmed.
 */
export function sessionsEventHandlers(deps: {
  cadence: CadenceService;
  reminders: RemindersService;
}): EventHandlers {
  return {
    'booking.confirmed': async (event, tx) => {
      const p = event.payload;
      const existing = await tx.careBooking.findUnique({ where: { bookingId: p.bookingId } });
      if (existing?.status === 'COMPLETED') return;
      await tx.careBooking.upsert({
        where: { bookingId: p.bookingId },
        create: {
          bookingId: p.bookingId,
          clientId: p.clientId,
          therapistId: p.therapistId,
          startsAt: new Date(p.startsAt),
          status: 'CONFIRMED',
        },
        update: { therapistId: p.therapistId, startsAt: new Date(p.startsAt) },
      });
    },
    'booking.completed': async (event, tx) => {
      const p = event.payload;
      const data = {
        clientId: p.clientId,
        therapistId: p.therapistId,
        startsAt: new Date(p.startsAt),
        status: 'COMPLETED' as const,
        completedAt: new Date(p.completedAt),
        durationMinutes: p.durationMinutes,
        selfCareCap: p.selfCareCap,
      };
      await tx.careBooking.upsert({
        where: { bookingId: p.bookingId },
        create: { bookingId: p.bookingId, ...data },
        update: data,
      });
      await tx.careClient.upsert({
        where: { userId: p.clientId },
        create: { userId: p.clientId },
        update: {},
      });
      // After each session: the next suggested dates.
      await deps.cadence.refresh(tx, p.clientId);
    },
    'user.profile_updated': async (event, tx) => {
      await deps.reminders.applyTimezone(tx, event.payload.userId, event.payload.timezone);
    },
  };
}
