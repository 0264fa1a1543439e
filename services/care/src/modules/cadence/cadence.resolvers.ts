import type { CadenceSuggestion } from '@mm/db';
import { type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { CareServices } from '../services.ts';

type Input = { input: unknown };

export function cadenceResolvers(s: Pick<CareServices, 'cadence'>) {
  return {
    Query: {
      cadencePlan: (_: unknown, args: { clientId?: string }, ctx: GraphQLContext) =>
        s.cadence.plan(requireViewer(ctx.viewer), args.clientId),
    },
    Mutation: {
      bookSuggestedSession: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        suggestion: await s.cadence.book(requireViewer(ctx.viewer), input),
      }),
    },
    CadenceSuggestion: {
      id: (c: CadenceSuggestion) => toGlobalId('CadenceSuggestion', c.id),
      date: (c: CadenceSuggestion) => c.localDate,
      therapistId: (c: CadenceSuggestion) => toGlobalId('User', c.therapistId),
    },
  };
}
