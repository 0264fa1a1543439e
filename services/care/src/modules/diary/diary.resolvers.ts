import { type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { CareServices } from '../services.ts';
import type { OpenDiaryEntry } from './diary.repository.ts';

type Input = { input: unknown };

export function diaryResolvers(s: Pick<CareServices, 'diary'>) {
  return {
    Query: {
      diaryEntries: (
        _: unknown,
        args: { clientId?: string; first?: number; after?: string },
        ctx: GraphQLContext,
      ) => s.diary.list(requireViewer(ctx.viewer), args),
    },
    Mutation: {
      addDiaryEntry: (_: unknown, { input }: Input, ctx: GraphQLContext) =>
        s.diary.add(requireViewer(ctx.viewer), input),
      deleteDiaryEntry: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        deletedEntryId: await s.diary.remove(requireViewer(ctx.viewer), input),
      }),
    },
    DiaryEntry: {
      id: (e: OpenDiaryEntry) => toGlobalId('DiaryEntry', e.id),
      startedAt: (e: OpenDiaryEntry) => e.start,
      endedAt: (e: OpenDiaryEntry) => e.end,
      note: (e: OpenDiaryEntry) => e.note ?? null,
    },
  };
}
