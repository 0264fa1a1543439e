import type { EventHandlers } from '@mm/queue';
import type { CadenceService } from '../cadence/cadence.service.ts';
import type { RemindersService } from '../reminders/reminders.service.ts';
import { saveCareClient } from '../shared/clients.repository.ts';
import { findSession, saveSession } from './sessions.repository.ts';

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
      // A consultation is a call before care starts: no session, no outcomes, no notes.
      if (p.kind === 'CONSULTATION') return;
      const existing = await findSession(tx, p.bookingId);
      if (existing?.status === 'COMPLETED') return;
      const when = { therapistId: p.therapistId, startsAt: new Date(p.startsAt) };
      await saveSession(tx, p.bookingId, { ...when, clientId: p.clientId, status: 'CONFIRMED' }, when);
    },
    'booking.completed': async (event, tx) => {
      const p = event.payload;
      if (p.kind === 'CONSULTATION') return;
      const data = {
        clientId: p.clientId,
        therapistId: p.therapistId,
        startsAt: new Date(p.startsAt),
        status: 'COMPLETED' as const,
        completedAt: new Date(p.completedAt),
        durationMinutes: p.durationMinutes,
        selfCareCap: p.selfCareCap,
      };
      await saveSession(tx, p.bookingId, data, data);
      await saveCareClient(tx, p.clientId);
      // After each session: the next suggested dates.
      await deps.cadence.refresh(tx, p.clientId);
    },
    'user.profile_updated': async (event, tx) => {
      await deps.reminders.applyTimezone(tx, event.payload.userId, event.payload.timezone);
    },
  };
}
