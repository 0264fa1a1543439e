import { fromGlobalId, type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { ApplicationsService } from '../applications/application.service.ts';
import type { ProfilesService } from './profiles.service.ts';

interface TherapistRef {
  id: string;
}
const therapistRef = (uuid: string): TherapistRef => ({ id: toGlobalId('Therapist', uuid) });
/** A Therapist ID from another subgraph; a malformed one resolves to nothing rather than an error. */
const uuidOf = (ref: TherapistRef) => {
  try {
    return fromGlobalId('Therapist', ref.id);
  } catch {
    return null;
  }
};

export function profilesResolvers(applications: ApplicationsService, profiles: ProfilesService) {
  return {
    Query: {
      therapist: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
        const [app] = await profiles.visibleMany(ctx.viewer, [fromGlobalId('Therapist', id)]);
        return app ? therapistRef(app.therapistId) : null;
      },
    },
    Mutation: {
      updateTherapistProfile: async (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) => {
        const app = await applications.updateProfile(requireViewer(ctx.viewer), input);
        return { therapist: therapistRef(app.therapistId) };
      },
    },
    Therapist: {
      // Always resolvable: booking and care add fields to the same entity; `profile` says what is visible.
      __resolveReference: (ref: TherapistRef) => ref,
    },
  };
}

/** Therapist.profile for a whole page at once (one query whatever the page size). */
export function profilesLoaders(profiles: ProfilesService) {
  return {
    Therapist: {
      // mercurius types the loader context as its own; ours carries the viewer (graphql-kit's context).
      profile: async (queries: { obj: TherapistRef }[], context: unknown) => {
        const ctx = context as GraphQLContext;
        const ids = queries.map((q) => uuidOf(q.obj));
        const apps = await profiles.visibleMany(
          ctx.viewer,
          ids.map((id) => id ?? '00000000-0000-0000-0000-000000000000'),
        );
        return apps.map((app) => (app ? profiles.view(app) : null));
      },
    },
  };
}
