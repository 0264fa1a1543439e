import type { PrismaClient, TransactionClient } from '@mm/db';
import { type NewNotification, queueNotifications, WORKER_LIVENESS } from '@mm/queue';
import { type Job, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeItem } from '../homework/homework.describe.ts';
import { planContext, planDoc } from '../homework/homework.service.ts';
import { ReminderBatcher } from './reminders.batcher.ts';
import { type LockedReminder, lockReminders, markCancelled, markSent } from './reminders.repository.ts';
import { REMINDER_QUEUE, type ReminderJobData, reminderTitle } from './reminders.scheduler.ts';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'cancelled' | 'plan-not-active' | 'missing';

export interface DeliveryHooks {
  /** Test hook: runs inside the transaction after the notification is queued, before commit. */
  beforeCommit?: (reminderId: string) => Promise<void> | void;
  /** Test hook: runs after commit, before BullMQ marks the job done. */
  afterCommit?: (reminderId: string) => Promise<void> | void;
}

/**
 * Delivers a batch of reminders exactly once, in one transaction with one statement per step (lock, read,
 * cancel, queue the notifications, mark SENT), not one per reminder: the row locks serialise concurrent
 * runs, the notifications and the SENT marks commit together, and each notification's dedupe key is its
 * reminder's job id. A worker killed before commit leaves the rows SCHEDULED (the retries deliver them);
 * killed after commit, the retries find them SENT.
 */
export async function deliverReminders(
  prisma: PrismaClient,
  reminderIds: readonly string[],
  now: () => Date,
  hooks: DeliveryHooks = {},
): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>(reminderIds.map((id) => [id, 'missing']));
  await prisma.$transaction(async (tx: TransactionClient) => {
    const reminders = await lockReminders(tx, reminderIds);
    const cancel: string[] = [];
    const send: LockedReminder[] = [];
    for (const r of reminders) {
      if (r.status === 'SENT') outcomes.set(r.id, 'already-sent');
      else if (r.status === 'CANCELLED') outcomes.set(r.id, 'cancelled');
      else if (r.plan.status !== 'ACTIVE') {
        cancel.push(r.id);
        outcomes.set(r.id, 'plan-not-active');
      } else send.push(r);
    }
    if (cancel.length > 0) {
      await markCancelled(tx, cancel);
    }
    if (send.length === 0) return;
    await queueNotifications(tx, send.map(reminderNotification));
    await markSent(
      tx,
      send.map((r) => r.id),
      now(),
    );
    for (const r of send) {
      outcomes.set(r.id, 'sent');
      await hooks.beforeCommit?.(r.id);
    }
  });
  for (const [id, outcome] of outcomes) if (outcome === 'sent') await hooks.afterCommit?.(id);
  return outcomes;
}

/** Delivers one reminder exactly once (a batch of one). */
export async function deliverReminder(
  prisma: PrismaClient,
  reminderId: string,
  now: () => Date,
  hooks: DeliveryHooks = {},
): Promise<DeliveryOutcome> {
  return (await deliverReminders(prisma, [reminderId], now, hooks)).get(reminderId) ?? 'missing';
}

function reminderNotification(reminder: LockedReminder): NewNotification {
  const item = describeItem(planDoc(reminder.plan), reminder.itemId, planContext(reminder.plan));
  return {
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
  };
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

/**
 * Jobs in flight at once; the batcher delivers those that arrive together in one transaction, at most half
 * of them per batch, so the next batch gathers while one commits.
 */
export const REMINDER_CONCURRENCY = 200;
export const reminderBatchSize = (concurrency: number) => Math.max(1, Math.ceil(concurrency / 2));

export function startReminderWorker(opts: ReminderWorkerOptions): Worker {
  const concurrency = opts.worker?.concurrency ?? REMINDER_CONCURRENCY;
  const batcher = new ReminderBatcher(
    (ids) => deliverReminders(opts.prisma, ids, opts.now, opts.hooks),
    reminderBatchSize(concurrency),
    'missing' as DeliveryOutcome,
  );
  return new Worker(REMINDER_QUEUE, (job: Job<ReminderJobData>) => batcher.deliver(job.data.reminderId), {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency,
    // A job whose worker died is retried soon after the lock lapses, and may be retried more than once.
    ...WORKER_LIVENESS,
    ...opts.worker,
  });
}
