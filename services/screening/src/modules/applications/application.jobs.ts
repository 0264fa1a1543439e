import type { EventHandlers } from '@mm/queue';
import type { ApplicationsRepository } from './application.repository.ts';
import { recordApplicationAudit } from './application.rules.ts';

/** Reactions to other services' events; each runs once per event (createEventConsumer). */
export function applicationEventHandlers(repo: ApplicationsRepository): EventHandlers {
  return {
    /** A therapist signed up: open their DRAFT application. A replay finds it and changes nothing. */
    'user.registered': async (event, tx) => {
      if (event.payload.role !== 'THERAPIST') return;
      const app = await repo.openDraft(tx, event.payload.userId);
      if (!app) return;
      await recordApplicationAudit(tx, null, 'application.created', app.id, null, {
        status: app.status,
        eventId: event.id,
      });
    },
  };
}
