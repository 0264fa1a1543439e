import type { EventHandlers } from '@mm/queue';
import type { DirectoryRepository } from './directory.repository.ts';

/** Keeps the therapist directory in step with screening and payments. */
export function directoryEventHandlers(repo: DirectoryRepository): EventHandlers {
  return {
    'therapist.profile_changed': async (event, tx) => {
      await repo.applySnapshot(tx, event.payload.snapshot, new Date(event.occurredAt));
    },
    'license.expired': async (event, tx) => {
      await repo.expireLicense(tx, event.payload.therapistId, event.payload.licenseId);
    },
    'payout.account_updated': async (event, tx) => {
      await repo.setPayouts(
        tx,
        event.payload.therapistId,
        event.payload.payoutsEnabled,
        new Date(event.occurredAt),
      );
    },
  };
}
