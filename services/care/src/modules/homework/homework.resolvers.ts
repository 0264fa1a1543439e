import type { HomeworkPlan as PlanRow, Reminder } from '@mm/db';
import { type GraphQLContext, requireRole, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { CareServices } from '../services.ts';
import { findHomeworkItem, HOMEWORK_CATALOGUE } from './homework.catalogue.ts';
import { describePlan } from './homework.describe.ts';
import { effectiveItemPainCap } from './homework.policy.ts';
import { planContext, planDoc } from './homework.service.ts';

type Input = { input: unknown };
const payload = (plan: PlanRow) => ({ plan });

type PlanQuery<A = unknown> = { obj: PlanRow; params: A };

/** Per-plan fields batched across a page: the same statements for 5 plans or 50. */
export function homeworkLoaders(s: Pick<CareServices, 'homework'>) {
  return {
    HomeworkPlan: {
      upcomingReminders: async (queries: PlanQuery<{ first?: number | null }>[]) => {
        // One page asks with one `first`; mixed values (aliases) are served by the largest, then cut.
        const firsts = queries.map((q) => q.params.first ?? 20);
        const lists = await s.homework.upcomingRemindersOf(
          queries.map((q) => q.obj.id),
          Math.max(...firsts),
        );
        return lists.map((list, i) => list.slice(0, Math.min(Math.max(firsts[i] ?? 20, 1), 100)));
      },
      adherence: (queries: PlanQuery[]) => s.homework.adherenceOf(queries.map((q) => q.obj.id)),
    },
  };
}

/** The plan's items in the client's words, each with its effective pain cap. */
function planItems(p: PlanRow) {
  const doc = planDoc(p);
  return doc.items.map((i) => {
    const item = findHomeworkItem(i.itemId);
    return {
      itemId: i.itemId,
      title: item?.title ?? i.itemId,
      instructions: item?.instructions ?? '',
      painCap: effectiveItemPainCap(doc, i.itemId, planContext(p)),
      times: i.times ?? [],
      limits: item?.limits.map((l) => l.text) ?? [],
    };
  });
}

export function homeworkResolvers(s: Pick<CareServices, 'homework' | 'reminders'>) {
  return {
    Query: {
      homeworkCatalogue: () =>
        HOMEWORK_CATALOGUE.map((item) => ({
          itemId: item.id,
          title: item.title,
          category: item.category,
          instructions: item.instructions,
          cadence: item.cadence,
          limits: item.limits.map((l) => l.text),
        })),
      homeworkPlan: (_: unknown, args: { id: string }, ctx: GraphQLContext) =>
        s.homework.get(requireViewer(ctx.viewer), args.id),
      homeworkPlans: (
        _: unknown,
        args: { clientId?: string; first?: number; after?: string },
        ctx: GraphQLContext,
      ) => s.homework.list(requireViewer(ctx.viewer), args),
      reminderPreferences: (_: unknown, __: unknown, ctx: GraphQLContext) =>
        s.reminders.preferences(requireRole(ctx.viewer, 'CLIENT').userId),
    },
    Mutation: {
      createHomeworkPlan: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
        payload(await s.homework.create(requireViewer(ctx.viewer), input)),
      updateHomeworkPlan: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
        payload(await s.homework.update(requireViewer(ctx.viewer), input)),
      pauseHomeworkPlan: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
        payload(await s.homework.transition(requireViewer(ctx.viewer), input, 'pause')),
      resumeHomeworkPlan: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
        payload(await s.homework.transition(requireViewer(ctx.viewer), input, 'resume')),
      endHomeworkPlan: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
        payload(await s.homework.transition(requireViewer(ctx.viewer), input, 'end')),
      setReminderPreferences: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        preferences: await s.reminders.setPreferences(requireViewer(ctx.viewer), input),
      }),
    },
    HomeworkPlan: {
      id: (p: PlanRow) => toGlobalId('HomeworkPlan', p.id),
      bookingId: (p: PlanRow) => toGlobalId('Booking', p.bookingId),
      clientId: (p: PlanRow) => toGlobalId('User', p.clientId),
      therapistId: (p: PlanRow) => toGlobalId('User', p.therapistId),
      sessionCap: (p: PlanRow) => p.clientCap,
      items: planItems,
      description: (p: PlanRow) => describePlan(planDoc(p), planContext(p)),
    },
    HomeworkReminder: {
      id: (r: Reminder) => toGlobalId('Reminder', r.id),
    },
  };
}
