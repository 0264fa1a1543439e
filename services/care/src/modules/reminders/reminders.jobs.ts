import type { PrismaClient, TransactionClient } from '@mm/db';
import { queueNotification } from '@mm/queue';
import { type Job, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeItem } from '../homework/homework.describe.ts';
import { planContext, planDoc } from '../homework/homework.service.ts';
import { lockReminder, markReminder, reminderWithPlan } from './reminders.repository.ts';
import { REMINDER_QUEUE, type ReminderJobData, reminderTitle } from './reminders.scheduler.ts';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'cancelled' | 'plan-not-active' | 'missing';

export interface DeliveryHooks {
  /** Test hook: runs inside the transaction after the notification is queued, before commit. */
  beforeCommit?: (reminderId: string) => Promise<void> | void;
  /** Test hook: runs after commit, before BullMQ marks the job done. */
  afterCommit?: (reminderId: string) => Promise<void> | void;
}

/**
 * Delivers one reminder exactly once: the row lock serialises concurrent runs, the
 * notification and the SENT mark commit together, and the notification's dedupe key
 * is the reminder's job id. A worker killed before commit leaves the row SCHEDULED
 * (the retry delivers it); killed after commit, the retry finds it SENT.
 */
export async function deliverReminder(
  prisma: PrismaClient,
  reminderId: string,
  now: () => Date,
  hooks: DeliveryHooks = {},
): Promise<DeliveryOutcome> {
  const outcome = await prisma.$transaction(async (tx: TransactionClient): Promise<DeliveryOutcome> => {
    if (!(await lockReminder(tx, reminderId))) return 'missing';
    const reminder = await reminderWithPlan(tx, reminderId);
    if (reminder.status === 'SENT') return 'already-sent';
    if (reminder.status === 'CANCELLED') return 'cancelled';
    if (reminder.plan.status !== 'ACTIVE') {
      await markReminder(tx, reminderId, { status: 'CANCELLED' });
      return 'plan-not-active';
    }
    const item = describeItem(planDoc(reminder.plan), reminder.itemId, planContext(reminder.plan));
    await queueNotification(tx, {
      userId: reminder.clientId,
      template: 'homework-reminder',
      payload: {
        planId: reminder.planId,
        itemId: reminder.itemId,
        title: item?.title ?? reminderTitle(reminder.itemId),
        instructions: item?.instructions ?? '',
        dose: item?.dose ?? [],
        painCap: item?.painCap ?? null,
        limits: item?.limits ?? [],
        fireAt: reminder.fireAt.toISOString(),
        localTime: reminder.localTime,
        localDate: reminder.localDate,
        timeZone: reminder.timeZone,
      },
      dedupeKey: reminder.jobId,
    });
    await markReminder(tx, reminderId, { status: 'SENT', sentAt: now() });
    await hooks.beforeCommit?.(reminderId);
    return 'sent';
  });
  await hooks.afterCommit?.(reminderId);
  return outcome;
}

export interface ReminderWorkerOptions {
  prisma: PrismaClient;
  connection: Redis;
  prefix: string;
  now: () => Date;
  hooks?: DeliveryHooks;
  worker?: Partial<
    Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>
  >;
}

export function startReminderWorker(opts: ReminderWorkerOptions): Worker {
  return new Worker(
    REMINDER_QUEUE,
    (job: Job<ReminderJobData>) => deliverReminder(opts.prisma, job.data.reminderId, opts.now, opts.hooks),
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: 5,
      // A job whose worker died is retried after the lock lapses, and may be retried more than once.
      maxStalledCount: 5,
      ...opts.worker,
    },
  );
}
