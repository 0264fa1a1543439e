import type { EventHandlers } from '@mm/queue';
import type { OutcomeSharesRepository } from './outcome-shares.repository.ts';

/** care.therapist_outcomes_updated: the responder share the OUTCOMES sort orders by. */
export function browseEventHandlers(shares: OutcomeSharesRepository): EventHandlers {
  return {
    'care.therapist_outcomes_updated': (event, tx) => shares.apply(tx, event.payload),
  };
}
