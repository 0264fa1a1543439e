import type { EventHandlers } from '@mm/queue';
import { queueNotification } from '@mm/queue';

/** Reactions to account events; each runs once per event (see createEventConsumer). */
export const accountsEventHandlers: EventHandlers = {
  'user.registered': async (event, tx) => {
    await queueNotification(tx, {
      userId: event.payload.userId,
      template: event.payload.role === 'THERAPIST' ? 'welcome-therapist' : 'welcome-client',
      payload: { role: event.payload.role },
      dedupeKey: `welcome-${event.payload.userId}`,
    });
  },
};
