import type {
  HomeworkPlanStatus,
  Prisma,
  PrismaClient,
  Reminder,
  ReminderStatus,
  TransactionClient,
} from '@mm/db';

/** A reminder row locked for delivery, with what of its plan the message needs. */
export interface LockedReminder {
  id: string;
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

interface Row extends Omit<LockedReminder, 'plan'> {
  planStatus: HomeworkPlanStatus;
  painCap: number;
  clientCap: number | null;
  items: Prisma.JsonValue;
}

/**
 * Locks and reads a batch of reminder rows, with their plans, in one statement, in id order (two batches
 * that share rows lock them in the same order, so they queue instead of deadlocking). Missing ids are absent.
 */
export async function lockReminders(
  tx: TransactionClient,
  reminderIds: readonly string[],
): Promise<LockedReminder[]> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT r.id::text AS id, r.status::text AS status, r.plan_id::text AS "planId", r.client_id::text AS "clientId",
           r.item_id AS "itemId", r.fire_at AS "fireAt", r.job_id AS "jobId", r.local_date AS "localDate",
           r.local_time AS "localTime", r.time_zone AS "timeZone",
           p.status::text AS "planStatus", p.pain_cap AS "painCap", p.client_cap AS "clientCap", p.items
    FROM care.reminders r JOIN care.homework_plans p ON p.id = r.plan_id
    WHERE r.id = ANY (${[...reminderIds]}::uuid[])
    ORDER BY r.id
    FOR UPDATE OF r`;
  return rows.map(({ planStatus, painCap, clientCap, items, ...r }) => ({
    ...r,
    plan: { status: planStatus, painCap, clientCap, items },
  }));
}

/** Marks a batch SENT in one statement (the rows are locked by lockReminders in the same transaction). */
export async function markSent(tx: TransactionClient, ids: readonly string[], sentAt: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE care.reminders SET status = 'SENT', sent_at = ${sentAt} WHERE id = ANY (${[...ids]}::uuid[])`;
}

/** Cancels a batch whose plans are no longer active, in one statement. */
export async function markCancelled(tx: TransactionClient, ids: readonly string[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE care.reminders SET status = 'CANCELLED' WHERE id = ANY (${[...ids]}::uuid[])`;
}

type Db = PrismaClient | TransactionClient;

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
