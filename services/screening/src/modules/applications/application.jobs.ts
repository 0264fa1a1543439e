import type { EventHandlers } from '@mm/queue';
import { recordApplicationAudit } from './application.rules.ts';

/** Reactions to other services' events; each runs once per event (createEventConsumer). */
export function applicationEventHandlers(): EventHandlers {
  return {
    /** A therapist signed up: open their DRAFT application. A replay finds it and changes nothing. */
    'user.registered': async (event, tx) => {
      if (event.payload.role !== 'THERAPIST') return;
      const { count } = await tx.therapistApplication.createMany({
        data: [{ therapistId: event.payload.userId }],
        skipDuplicates: true,
      });
      if (count === 0) return;
      const app = await tx.therapistApplication.findUniqueOrThrow({
        where: { therapistId: event.payload.userId },
      });
      await recordApplicationAudit(tx, null, 'application.created', app.id, null, {
        status: app.status,
        eventId: event.id,
      });
    },
  };
}
