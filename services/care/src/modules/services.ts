// Care's services, wired once per process. Resolvers type against this, not the module list (no cycle).
import type { CareContext } from '../context.ts';
import { AdherenceService } from './adherence/adherence.service.ts';
import { CadenceService } from './cadence/cadence.service.ts';
import { DiaryRepository } from './diary/diary.repository.ts';
import { DiaryService } from './diary/diary.service.ts';
import { HomeworkService } from './homework/homework.service.ts';
import { NotesService } from './notes/notes.service.ts';
import { OutcomesService } from './outcomes/outcomes.service.ts';
import { TherapistOutcomesService } from './outcomes/therapist-outcomes.service.ts';
import { ReminderScheduler } from './reminders/reminders.scheduler.ts';
import { RemindersService } from './reminders/reminders.service.ts';

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
