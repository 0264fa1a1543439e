import { resolve } from 'node:path';
import { defineModule, loadSchemaFiles, type ModuleDefinition } from '@mm/graphql-kit';
import type { Job } from 'bullmq';
import type { CareContext } from '../context.ts';
import { ADHERENCE_ERRORS } from './adherence/adherence.errors.ts';
import { adherenceResolvers } from './adherence/adherence.resolvers.ts';
import { CADENCE_ERRORS } from './cadence/cadence.errors.ts';
import { cadenceResolvers } from './cadence/cadence.resolvers.ts';
import { DIARY_ERRORS } from './diary/diary.errors.ts';
import { diaryResolvers } from './diary/diary.resolvers.ts';
import { HOMEWORK_ERRORS } from './homework/homework.errors.ts';
import { homeworkLoaders, homeworkResolvers } from './homework/homework.resolvers.ts';
import { NOTES_ERRORS } from './notes/notes.errors.ts';
import { notesResolvers } from './notes/notes.resolvers.ts';
import { OUTCOMES_ERRORS } from './outcomes/outcomes.errors.ts';
import { outcomesResolvers } from './outcomes/outcomes.resolvers.ts';
import { promptDueQuestionnaires } from './outcomes/outcomes.service.ts';
import { pressureEventHandlers } from './outcomes/therapist-outcomes.jobs.ts';
import { therapistOutcomesLoaders } from './outcomes/therapist-outcomes.resolvers.ts';
import { THERAPIST_OUTCOMES_EVERY_MS } from './outcomes/therapist-outcomes.service.ts';
import { ReminderBatcher } from './reminders/reminders.batcher.ts';
import {
  type DeliveryOutcome,
  deliverReminders,
  REMINDER_CONCURRENCY,
  reminderBatchSize,
} from './reminders/reminders.jobs.ts';
import { REMINDER_QUEUE, type ReminderJobData } from './reminders/reminders.scheduler.ts';
import { buildCareServices, type CareServices } from './services.ts';
import { sessionsEventHandlers } from './sessions/sessions.jobs.ts';

export { buildCareServices, type CareServices } from './services.ts';

/** Queue of care's periodic maintenance; a BullMQ job scheduler runs it once per tick across replicas. */
export const MAINTENANCE_QUEUE = 'care-maintenance';

const schemaOf = (module: string) => loadSchemaFiles(resolve(import.meta.dirname, module));

/** Care's modules, in dependency order: the app and the workers are derived from this list. */
export function buildCareModules(
  ctx: CareContext,
  s: CareServices = buildCareServices(ctx),
): ModuleDefinition[] {
  return [
    defineModule({
      name: 'sessions',
      errors: [],
      handles: sessionsEventHandlers(s),
    }),
    remindersModule(ctx, s),
    defineModule({
      name: 'homework',
      dependencies: ['sessions', 'reminders'],
      schema: schemaOf('homework'),
      resolvers: homeworkResolvers(s),
      loaders: homeworkLoaders(s),
      errors: HOMEWORK_ERRORS,
    }),
    defineModule({
      name: 'adherence',
      dependencies: ['homework'],
      schema: schemaOf('adherence'),
      resolvers: adherenceResolvers(s),
      errors: ADHERENCE_ERRORS,
    }),
    defineModule({
      name: 'notes',
      dependencies: ['sessions'],
      schema: schemaOf('notes'),
      resolvers: notesResolvers(s),
      errors: NOTES_ERRORS,
    }),
    defineModule({
      name: 'cadence',
      dependencies: ['sessions'],
      schema: schemaOf('cadence'),
      resolvers: cadenceResolvers(s),
      errors: CADENCE_ERRORS,
    }),
    defineModule({
      name: 'diary',
      dependencies: ['cadence'],
      schema: schemaOf('diary'),
      resolvers: diaryResolvers(s),
      errors: DIARY_ERRORS,
    }),
    outcomesModule(ctx, s),
  ];
}

/** Reminder delivery (one delayed job per reminder) and the sweep that finds what a lost job left. */
function remindersModule(ctx: CareContext, s: CareServices): ModuleDefinition {
  // The reminder jobs a worker holds at once are delivered in one transaction.
  const reminders = new ReminderBatcher(
    (ids) => deliverReminders(ctx.prisma, ids, ctx.now),
    reminderBatchSize(REMINDER_CONCURRENCY),
    'missing' as DeliveryOutcome,
  );
  return defineModule({
    name: 'reminders',
    errors: [],
    jobs: {
      [REMINDER_QUEUE]: {
        reminder: (job: Job<ReminderJobData>) => reminders.deliver(job.data.reminderId),
      },
    },
    schedules: [
      {
        name: 'care-sweep',
        queue: MAINTENANCE_QUEUE,
        every: ctx.config.CARE_SWEEP_INTERVAL_MS,
        run: () => s.scheduler.sweep(),
      },
    ],
  });
}

/** Outcomes: questionnaires, the therapists' outcome figures and the schedules that keep them current. */
function outcomesModule(ctx: CareContext, s: CareServices): ModuleDefinition {
  return defineModule({
    name: 'outcomes',
    dependencies: ['diary'],
    schema: schemaOf('outcomes'),
    resolvers: outcomesResolvers(s),
    loaders: therapistOutcomesLoaders(s.therapistOutcomes),
    errors: OUTCOMES_ERRORS,
    handles: pressureEventHandlers(),
    schedules: [
      {
        name: 'therapist-outcomes',
        queue: MAINTENANCE_QUEUE,
        every: THERAPIST_OUTCOMES_EVERY_MS,
        run: () => s.therapistOutcomes.refresh(),
      },
      {
        name: 'questionnaires-due',
        queue: MAINTENANCE_QUEUE,
        every: ctx.config.CARE_SWEEP_INTERVAL_MS,
        run: () => promptDueQuestionnaires(ctx),
      },
    ],
  });
}
