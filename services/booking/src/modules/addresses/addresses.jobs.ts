import type { EventHandlers } from '@mm/queue';
import type { ClientAddressesRepository } from './addresses.repository.ts';

/** Keeps booking's copy of the clients' addresses in step with identity. */
export function addressEventHandlers(repo: ClientAddressesRepository): EventHandlers {
  return {
    'address.saved': async (event, tx) => {
      await repo.apply(tx, event.payload, new Date(event.occurredAt));
    },
  };
}
