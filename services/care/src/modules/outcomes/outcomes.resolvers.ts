import type { QuestionnaireResponse } from '@mm/db';
import { type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { CareServices } from '../services.ts';
import { questionnaireLabel } from './outcomes.service.ts';

type Input = { input: unknown };

export function outcomesResolvers(s: Pick<CareServices, 'outcomes'>) {
  return {
    Query: {
      careOutcomes: (_: unknown, args: { clientId?: string }, ctx: GraphQLContext) =>
        s.outcomes.outcomes(requireViewer(ctx.viewer), args.clientId),
    },
    Mutation: {
      submitHit6: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        result: await s.outcomes.submitHit6(requireViewer(ctx.viewer), input),
      }),
      submitMidas: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        result: await s.outcomes.submitMidas(requireViewer(ctx.viewer), input),
      }),
    },
    QuestionnaireResult: {
      id: (q: QuestionnaireResponse) => toGlobalId('QuestionnaireResult', q.id),
      label: (q: QuestionnaireResponse) => questionnaireLabel(q),
    },
    CareOutcomes: {
      clientId: (o: { clientId: string }) => toGlobalId('User', o.clientId),
    },
  };
}
