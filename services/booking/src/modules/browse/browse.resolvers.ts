import { fromGlobalId, type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { DirectChoices, DirectDeclineChoice } from './choice.service.ts';
import type { TherapistMatch } from './search.policy.ts';
import type { TherapistSearch } from './search.service.ts';

export function browseResolvers(search: TherapistSearch, choices: DirectChoices) {
  return {
    Query: {
      searchTherapists: (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext) =>
        search.search(requireViewer(ctx.viewer), args),
    },
    Mutation: {
      chooseAfterDirectDecline: async (
        _: unknown,
        { input }: { input: { bookingId: string; choice: DirectDeclineChoice; therapistId?: string | null } },
        ctx: GraphQLContext,
      ) => ({
        booking: await choices.choose(
          ctx.viewer,
          fromGlobalId('Booking', input.bookingId, 'bookingId'),
          input,
        ),
      }),
    },
    TherapistMatch: {
      therapist: (m: TherapistMatch) => ({
        __typename: 'Therapist',
        id: toGlobalId('Therapist', m.therapistId),
      }),
      distanceKm: (m: TherapistMatch) => Math.round(m.distanceMeters / 100) / 10,
    },
  };
}
