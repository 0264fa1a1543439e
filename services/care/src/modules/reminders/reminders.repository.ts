import {
  type HomeworkPlanStatus,
  Prisma,
  type PrismaClient,
  type Reminder,
  type ReminderStatus,
  type TransactionClient,
} from '@mm/db';
import { insertNotificationsSql, type NotificationRow, notificationRowsSql } from '@mm/queue';

type Db = PrismaClient | TransactionClient;

/** A reminder row read for delivery, with what of its plan the message needs. */
export interface DueReminder {
  id: string;
  /** The row version read (xmin): the delivery writes only a row still at this version. */
  version: string;
  status: ReminderStatus;
  planId: string;
  clientId: string;
  itemId: string;
  fireAt: Date;
  jobId: string;
  localDate: string;
  localTime: string;
  timeZone: string;
  plan: { status: HomeworkPlanStatus; painCap: number; clientCap: number | null; items: Prisma.JsonValue };
}

interface Row extends Omit<DueReminder, 'plan'> {
  planStatus: HomeworkPlanStatus;
  painCap: number;
  clientCap: number | null;
  items: Prisma.JsonValue;
}

/** Reads a batch of reminder rows with their plans and row versions, in one statement; missing ids are absent. */
export async function readDueReminders(db: Db, reminderIds: readonly string[]): Promise<DueReminder[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id::text AS id, r.xmin::text AS version, r.status::text AS status, r.plan_id::text AS "planId",
           r.client_id::text AS "clientId", r.item_id AS "itemId", r.fire_at AS "fireAt", r.job_id AS "jobId",
           r.local_date AS "localDate", r.local_time AS "localTime", r.time_zone AS "timeZone",
           p.status::text AS "planStatus", p.pain_cap AS "painCap", p.client_cap AS "clientCap", p.items
    FROM care.reminders r JOIN care.homework_plans p ON p.id = r.plan_id
    WHERE r.id = ANY (${[...reminderIds]}::uuid[])`;
  return rows.map(({ planStatus, painCap, clientCap, items, ...r }) => ({
    ...r,
    plan: { status: planStatus, painCap, clientCap, items },
  }));
}

/** What the delivery statement did with one locked row. */
export interface DeliveryWrite {
  id: string;
  /** The row's status under the lock, before this statement. */
  status: ReminderStatus;
  planActive: boolean;
  action: 'sent' | 'cancelled' | 'none';
}

/**
 * Delivers a batch in one statement, so in one transaction: locks the rows in id order (two batches that
 * share rows queue instead of deadlocking), cancels the SCHEDULED ones whose plan is no longer active,
 * marks SENT the SCHEDULED ones of an active plan still at the version their message was written from,
 * and queues exactly those messages (`messages`: outbox rows with reminder_id and version). A SCHEDULED
 * row of an active plan that changed since the read is left as it is (action 'none'), for a fresh read.
 */
export async function writeDeliveries(
  db: Db,
  reminderIds: readonly string[],
  messages: readonly (NotificationRow & { reminder_id: string; version: string })[],
  sentAt: Date,
): Promise<DeliveryWrite[]> {
  const sent = Prisma.sql`SELECT m.user_id, m.template, m.payload, m.dedupe_key, m.channel
    FROM messages m JOIN sent s ON s.id = m.reminder_id`;
  return db.$queryRaw<DeliveryWrite[]>`
    WITH messages AS (${notificationRowsSql(messages, Prisma.sql`, reminder_id uuid, version text`)}),
    locked AS (
      SELECT r.id, r.status, r.xmin::text AS version, p.status = 'ACTIVE' AS plan_active
      FROM care.reminders r JOIN care.homework_plans p ON p.id = r.plan_id
      WHERE r.id = ANY (${[...reminderIds]}::uuid[])
      ORDER BY r.id
      FOR UPDATE OF r),
    cancelled AS (
      UPDATE care.reminders r SET status = 'CANCELLED' FROM locked l
      WHERE r.id = l.id AND l.status = 'SCHEDULED' AND NOT l.plan_active
      RETURNING r.id),
    sent AS (
      UPDATE care.reminders r SET status = 'SENT', sent_at = ${sentAt}
      FROM locked l JOIN messages m ON m.reminder_id = l.id AND m.version = l.version
      WHERE r.id = l.id AND l.status = 'SCHEDULED' AND l.plan_active
      RETURNING r.id),
    queued AS (${insertNotificationsSql(sent)})
    SELECT l.id::text AS id, l.status::text AS status, l.plan_active AS "planActive",
           CASE WHEN s.id IS NOT NULL THEN 'sent' WHEN c.id IS NOT NULL THEN 'cancelled' ELSE 'none' END AS action
    FROM locked l LEFT JOIN sent s ON s.id = l.id LEFT JOIN cancelled c ON c.id = l.id`;
}

/** A plan's reminders at or after `from`, whatever their status. */
export function futureRemindersOf(tx: TransactionClient, planId: string, from: Date): Promise<Reminder[]> {
  return tx.reminder.findMany({ where: { planId, fireAt: { gte: from } } });
}

/** Cancels those of `ids` still SCHEDULED (a sent one stays sent). */
export async function cancelScheduled(tx: TransactionClient, ids: readonly string[]): Promise<void> {
  await tx.reminder.updateMany({
    where: { id: { in: [...ids] }, status: 'SCHEDULED' },
    data: { status: 'CANCELLED' },
  });
}

export async function updateReminder(
  tx: TransactionClient,
  id: string,
  data: Prisma.ReminderUncheckedUpdateInput,
): Promise<void> {
  await tx.reminder.update({ where: { id }, data });
}

/** Inserts new reminders (an existing job id is skipped); returns those inserted. */
export function insertReminders(
  tx: TransactionClient,
  data: Prisma.ReminderCreateManyInput[],
): Promise<{ id: string; jobId: string; fireAt: Date }[]> {
  return tx.reminder.createManyAndReturn({
    data,
    skipDuplicates: true,
    select: { id: true, jobId: true, fireAt: true },
  });
}

/** Scheduled rows written before the job outbox, that have no delivery job yet (oldest first). */
export function unenqueuedReminders(db: Db, limit: number): Promise<Reminder[]> {
  return db.reminder.findMany({
    where: { status: 'SCHEDULED', enqueuedAt: null },
    orderBy: { fireAt: 'asc' },
    take: limit,
  });
}

/** Claims a row for enqueueing; false when another pass got there first. */
export async function markEnqueued(tx: TransactionClient, id: string, at: Date): Promise<boolean> {
  const { count } = await tx.reminder.updateMany({
    where: { id, enqueuedAt: null },
    data: { enqueuedAt: at },
  });
  return count === 1;
}

/** How far a plan's reminders exist. */
export async function setScheduledThrough(
  tx: TransactionClient,
  planId: string,
  scheduledThrough: Date,
  updatedAt?: Date,
): Promise<void> {
  await tx.homeworkPlan.update({
    where: { id: planId },
    data: { scheduledThrough, ...(updatedAt ? { updatedAt } : {}) },
  });
}

/** Active plans whose reminders end before `horizonEnd`. */
export async function plansToTopUp(db: Db, horizonEnd: Date, take: number): Promise<string[]> {
  const rows = await db.homeworkPlan.findMany({
    where: { status: 'ACTIVE', scheduledThrough: { lt: horizonEnd } },
    select: { id: true },
    take,
  });
  return rows.map((r) => r.id);
}
