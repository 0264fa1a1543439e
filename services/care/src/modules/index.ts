import type { EventHandlers } from '@mm/queue';
import type { CareContext } from '../context.ts';
import { adherenceResolvers } from './adherence/adherence.resolvers.ts';
import { AdherenceService } from './adherence/adherence.service.ts';
import { cadenceResolvers } from './cadence/cadence.resolvers.ts';
import { CadenceService } from './cadence/cadence.service.ts';
import { diaryResolvers } from './diary/diary.resolvers.ts';
import { DiaryService } from './diary/diary.service.ts';
import { homeworkResolvers } from './homework/homework.resolvers.ts';
import { HomeworkService } from './homework/homework.service.ts';
import { notesResolvers } from './notes/notes.resolvers.ts';
import { NotesService } from './notes/notes.service.ts';
import { outcomesResolvers } from './outcomes/outcomes.resolvers.ts';
import { OutcomesService } from './outcomes/outcomes.service.ts';
import { ReminderScheduler } from './reminders/reminders.scheduler.ts';
import { RemindersService } from './reminders/reminders.service.ts';
import { sessionsEventHandlers } from './sessions/sessions.jobs.ts';

export interface CareServices {
  scheduler: ReminderScheduler;
  diary: DiaryService;
  cadence: CadenceService;
  reminders: RemindersService;
  homework: HomeworkService;
  adherence: AdherenceService;
  notes: NotesService;
  outcomes: OutcomesService;
}

/** Wires care's modules once per process; app and workers share the services. */
export function buildCareModules(ctx: CareContext): {
  services: CareServices;
  resolvers: Record<string, Record<string, unknown>>[];
  eventHandlers: EventHandlers;
} {
  const scheduler = new ReminderScheduler(ctx.prisma, ctx.reminderQueue, ctx.now);
  let cadence: CadenceService | null = null;
  const diary = new DiaryService(ctx, () => cadence as CadenceService);
  cadence = new CadenceService(ctx, diary);
  const services: CareServices = {
    scheduler,
    diary,
    cadence,
    reminders: new RemindersService(ctx, scheduler),
    homework: new HomeworkService(ctx, scheduler),
    adherence: new AdherenceService(ctx, scheduler),
    notes: new NotesService(ctx),
    outcomes: new OutcomesService(ctx, diary),
  };
  const resolvers = [
    homeworkResolvers(services),
    adherenceResolvers(services),
    notesResolvers(services),
    diaryResolvers(services),
    outcomesResolvers(services),
    cadenceResolvers(services),
  ];
  const eventHandlers: EventHandlers = sessionsEventHandlers(services);
  return { services, resolvers, eventHandlers };
}
