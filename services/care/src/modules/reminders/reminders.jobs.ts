import type { PrismaClient } from '@mm/db';
import { type NewNotification, notificationRow, WORKER_LIVENESS } from '@mm/queue';
import { type Job, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeItem } from '../homework/homework.describe.ts';
import { planContext, planDoc } from '../homework/homework.service.ts';
import { ReminderBatcher } from './reminders.batcher.ts';
import {
  type DeliveryWrite,
  type DueReminder,
  readDueReminders,
  writeDeliveries,
} from './reminders.repository.ts';
import { REMINDER_QUEUE, type ReminderJobData, reminderTitle } from './reminders.scheduler.ts';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'cancelled' | 'plan-not-active' | 'missing';

export interface DeliveryHooks {
  /** Test hook: runs after the batch is read, before its one write statement (nothing of it committed). */
  beforeCommit?: (reminderId: string) => Promise<void> | void;
  /** Test hook: runs after commit, before BullMQ marks the job done. */
  afterCommit?: (reminderId: string) => Promise<void> | void;
}

/** Rounds of read-then-write before a batch whose rows keep changing under it is left to the job's retry. */
const DELIVERY_ROUNDS = 5;

/**
 * Delivers a batch of reminders exactly once in two statements, however many reminders: a read (rows, row
 * versions, plans) from which the messages are written, then one statement that locks the rows, cancels,
 * queues the messages and marks SENT, so it commits all or nothing. Only a row still SCHEDULED under the lock
 * and at the version read is sent, and each message's dedupe key is its reminder's job id. A row that changed
 * between the two is read again. A worker killed before the write leaves the rows SCHEDULED (the retries
 * deliver them); killed after it, the retries find them SENT.
 */
export async function deliverReminders(
  prisma: PrismaClient,
  reminderIds: readonly string[],
  now: () => Date,
  hooks: DeliveryHooks = {},
): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>(reminderIds.map((id) => [id, 'missing']));
  let pending = [...reminderIds];
  for (let round = 0; pending.length > 0; round++) {
    if (round === DELIVERY_ROUNDS)
      throw new Error(`reminders kept changing during delivery: ${pending.join(', ')}`);
    const due = (await readDueReminders(prisma, pending)).filter(
      (r) => r.status === 'SCHEDULED' && r.plan.status === 'ACTIVE',
    );
    const messages = due.map((r) => ({
      ...notificationRow(reminderNotification(r)),
      reminder_id: r.id,
      version: r.version,
    }));
    for (const m of messages) await hooks.beforeCommit?.(m.reminder_id);
    const written = await writeDeliveries(prisma, pending, messages, now());
    pending = [];
    for (const w of written) {
      const outcome = deliveryOutcome(w);
      if (outcome) outcomes.set(w.id, outcome);
      else pending.push(w.id);
    }
  }
  for (const [id, outcome] of outcomes) if (outcome === 'sent') await hooks.afterCommit?.(id);
  return outcomes;
}

/** A locked row's outcome; undefined for one that changed since its read (read it again). */
function deliveryOutcome(w: DeliveryWrite): DeliveryOutcome | undefined {
  if (w.action === 'sent') return 'sent';
  if (w.action === 'cancelled') return 'plan-not-active';
  if (w.status === 'SENT') return 'already-sent';
  if (w.status === 'CANCELLED') return 'cancelled';
  return undefined;
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

function reminderNotification(reminder: DueReminder): NewNotification {
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
 * of them per batch, so the next batch gathers while one commits. Each batch costs two statements and a
 * commit whatever its size, so many due at once go out in a few large batches (10k: about 40 of ~250).
 */
export const REMINDER_CONCURRENCY = 1000;
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
