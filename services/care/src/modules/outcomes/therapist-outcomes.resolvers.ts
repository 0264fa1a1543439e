import type { TherapistOutcome } from '@mm/db';
import { fromGlobalId } from '@mm/graphql-kit';
import { OUTCOME_MIN_CLIENTS, share } from './therapist-outcomes.policy.ts';
import type { TherapistOutcomesService } from './therapist-outcomes.service.ts';

const uuidOf = (id: string) => {
  try {
    return fromGlobalId('Therapist', id);
  } catch {
    return null;
  }
};

const view = (o: TherapistOutcome) => ({
  clients: o.clients,
  minimumClients: OUTCOME_MIN_CLIENTS,
  evaluableClients: o.evaluableClients,
  responderRate: share(o.responders, o.evaluableClients),
  hit6Clients: o.hit6Clients,
  medianHit6Change: o.medianHit6Change,
  sessionsReported: o.sessionsReported,
  overPressureRate: share(o.sessionsOverCap, o.sessionsReported),
  rebookRate: share(o.rebookedClients, o.clients) ?? 0,
  computedAt: o.computedAt,
});

/** Therapist.outcomes for a whole page at once (one query whatever its size). */
export function therapistOutcomesLoaders(service: TherapistOutcomesService) {
  return {
    Therapist: {
      outcomes: async (queries: { obj: { id: string } }[]) => {
        const ids = queries.map((q) => uuidOf(q.obj.id));
        const rows = await service.forTherapists(ids.filter((id): id is string => id !== null));
        const byId = new Map(rows.flatMap((r) => (r ? [[r.therapistId, r] as const] : [])));
        return ids.map((id) => {
          const row = id ? byId.get(id) : undefined;
          return row ? view(row) : null;
        });
      },
    },
  };
}
