import { type GraphQLContext, toGlobalId } from '@mm/graphql-kit';
import type { SafetyCasesService, SafetyCaseView } from './cases.service.ts';

export function casesResolvers(service: SafetyCasesService) {
  const payload = (c: SafetyCaseView) => ({ case: c });
  return {
    Query: {
      safetyCases: (_: unknown, { subjectIds }: { subjectIds: string[] }, ctx: GraphQLContext) =>
        service.cases(ctx.viewer, subjectIds),
    },
    Mutation: {
      assignSafetyCase: async (
        _: unknown,
        { input }: { input: { subjectId: string; assigneeId?: string | null } },
        ctx: GraphQLContext,
      ) => payload(await service.assign(ctx.viewer, input)),
      addSafetyCaseNote: async (
        _: unknown,
        { input }: { input: { subjectId: string; body: string } },
        ctx: GraphQLContext,
      ) => payload(await service.addNote(ctx.viewer, input)),
    },
    SafetyCase: {
      assigneeId: (c: SafetyCaseView) => (c.assigneeId ? toGlobalId('User', c.assigneeId) : null),
    },
    SafetyCaseNote: {
      id: (n: { id: string }) => toGlobalId('SafetyCaseNote', n.id),
      authorId: (n: { authorId: string }) => toGlobalId('User', n.authorId),
    },
  };
}
