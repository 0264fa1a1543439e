import type { CareAlert } from '@mm/db';
import { type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { CareServices } from '../services.ts';
import type { SealedLog } from './adherence.service.ts';

type Input = { input: unknown };
type LogShape = {
  id: string;
  itemId: string;
  status: string;
  scheduledFor: Date | null;
  loggedAt: Date;
  detail: SealedLog;
};

export function adherenceResolvers(s: Pick<CareServices, 'adherence'>) {
  return {
    Query: {
      careAlerts: (
        _: unknown,
        args: { status?: 'OPEN' | 'ACKNOWLEDGED'; first?: number; after?: string },
        ctx: GraphQLContext,
      ) => s.adherence.alerts(requireViewer(ctx.viewer), args),
      careReviewQueue: (
        _: unknown,
        args: { status?: 'OPEN' | 'ACKNOWLEDGED'; first?: number; after?: string },
        ctx: GraphQLContext,
      ) => s.adherence.reviewQueue(requireViewer(ctx.viewer), args),
    },
    Mutation: {
      logHomework: (_: unknown, { input }: Input, ctx: GraphQLContext) =>
        s.adherence.log(requireViewer(ctx.viewer), input),
      acknowledgeCareAlert: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        alert: await s.adherence.acknowledge(requireViewer(ctx.viewer), input),
      }),
    },
    HomeworkLog: {
      id: (l: LogShape) => toGlobalId('HomeworkLog', l.id),
      painFelt: (l: LogShape) => l.detail.painFelt,
      symptoms: (l: LogShape) => l.detail.symptoms,
    },
    CareAlert: {
      id: (a: CareAlert) => toGlobalId('CareAlert', a.id),
      clientId: (a: CareAlert) => toGlobalId('User', a.clientId),
      therapistId: (a: CareAlert) => (a.therapistId ? toGlobalId('User', a.therapistId) : null),
      planId: (a: CareAlert) => (a.planId ? toGlobalId('HomeworkPlan', a.planId) : null),
      diaryEntryId: (a: CareAlert) => (a.diaryEntryId ? toGlobalId('DiaryEntry', a.diaryEntryId) : null),
      reason: (a: CareAlert) => s.adherence.openAlert(a).reason,
      symptoms: (a: CareAlert) => s.adherence.openAlert(a).symptoms,
      freeTextWords: (a: CareAlert) => s.adherence.openAlert(a).freeText?.words ?? [],
    },
  };
}
