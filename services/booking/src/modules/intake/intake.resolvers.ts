import { fromGlobalId, type GraphQLContext, toGlobalId } from '@mm/graphql-kit';
import type { IntakeService, IntakeView } from './intake.service.ts';

export function intakeResolvers(service: IntakeService) {
  return {
    Query: {
      myMigraineIntake: (_: unknown, __: unknown, ctx: GraphQLContext) => service.mine(ctx.viewer),
      migraineIntake: (_: unknown, { id }: { id: string }, ctx: GraphQLContext) =>
        service.byId(ctx.viewer, fromGlobalId('MigraineIntake', id)),
    },
    Mutation: {
      submitMigraineIntake: async (
        _: unknown,
        { input }: { input: { answers: unknown } },
        ctx: GraphQLContext,
      ) => ({ intake: await service.submit(ctx.viewer, input.answers) }),
      confirmMigraineIntake: async (
        _: unknown,
        { input }: { input: { intakeId: string } },
        ctx: GraphQLContext,
      ) => ({
        intake: await service.confirm(ctx.viewer, fromGlobalId('MigraineIntake', input.intakeId, 'intakeId')),
      }),
    },
    MigraineIntake: {
      id: (i: IntakeView) => toGlobalId('MigraineIntake', i.id),
    },
  };
}
