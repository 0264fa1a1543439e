import { resolve } from 'node:path';
import { defineModule, loadSchemaFiles, type ModuleDefinition } from '@mm/graphql-kit';
import type { Job } from 'bullmq';
import type { CareContext } from '../context.ts';
import { ADHERENCE_ERRORS } from './adherence/adherence.errors.ts';
import { adherenceResolvers } from './adherence/adherence.resolvers.ts';
import { AdherenceService } from './adherence/adherence.service.ts';
import { CADENCE_ERRORS } from './cadence/cadence.errors.ts';
import { cadenceResolvers } from './cadence/cadence.resolvers.ts';
import { CadenceService } from './cadence/cadence.service.ts';
import { DIARY_ERRORS } from './diary/diary.errors.ts';
import { DiaryRepository } from './diary/diary.repository.ts';
import { diaryResolvers } from './diary/diary.resolvers.ts';
import { DiaryService } from './diary/diary.service.ts';
import { HOMEWORK_ERRORS } from './homework/homework.errors.ts';
import { homeworkResolvers } from './homework/homework.resolvers.ts';
import { HomeworkService } from './homework/homework.service.ts';
import { NOTES_ERRORS } from './notes/notes.errors.ts';
import { notesResolvers } from './notes/notes.resolvers.ts';
import { NotesService } from './notes/notes.service.ts';
import { OUTCOMES_ERRORS } from './outcomes/outcomes.errors.ts';
import { outcomesResolvers } from './outcomes/outcomes.resolvers.ts';
import { OutcomesService, promptDueQuestionnaires } from './outcomes/outcomes.service.ts';
import { pressureEventHandlers } from './outcomes/therapist-outcomes.jobs.ts';
import { therapistOutcomesLoaders } from './outcomes/therapist-outcomes.resolvers.ts';
import {
  THERAPIST_OUTCOMES_EVERY_MS,
  TherapistOutcomesService,
} from './outcomes/therapist-outcomes.service.ts';
import { deliverReminder } from './reminders/reminders.jobs.ts';
import { REMINDER_QUEUE, type ReminderJobData, ReminderScheduler } from './reminders/reminders.scheduler.ts';
import { RemindersService } from './reminders/reminders.service.ts';
import { sessionsEventHandlers } from './sessions/sessions.jobs.ts';

/** Queue of care's periodic maintenance; a BullMQ job scheduler runs it once per tick across replicas. */
export const MAINTENANCE_QUEUE = 'care-maintenance';

export interface CareServices {
  scheduler: ReminderScheduler;
  diary: DiaryService;
  cadence: CadenceService;
  reminders: RemindersService;
  homework: HomeworkService;
  adherence: AdherenceService;
  notes: NotesService;
  outcomes: OutcomesService;
  therapistOutcomes: TherapistOutcomesService;
}

/** Wires care's services once per process, bottom up (no service reaches back into one built after it). */
export function buildCareServices(ctx: CareContext): CareServices {
  const scheduler = new ReminderScheduler(ctx.prisma, ctx.reminderQueue, ctx.now);
  const diaryRepo = new DiaryRepository(ctx.cipher);
  const cadence = new CadenceService(ctx, diaryRepo);
  return {
    scheduler,
    cadence,
    diary: new DiaryService(ctx, diaryRepo, cadence),
    reminders: new RemindersService(ctx, scheduler),
    homework: new HomeworkService(ctx, scheduler),
    adherence: new AdherenceService(ctx, scheduler),
    notes: new NotesService(ctx),
    outcomes: new OutcomesService(ctx, diaryRepo),
    therapistOutcomes: new TherapistOutcomesService(ctx, diaryRepo),
  };
}

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
    defineModule({
      name: 'reminders',
      errors: [],
      jobs: {
        [REMINDER_QUEUE]: {
          reminder: (job: Job<ReminderJobData>) => deliverReminder(ctx.prisma, job.data.reminderId, ctx.now),
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
    }),
    defineModule({
      name: 'homework',
      dependencies: ['sessions', 'reminders'],
      schema: schemaOf('homework'),
      resolvers: homeworkResolvers(s),
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
    defineModule({
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
    }),
  ];
}
