import type { HomeworkPlanStatus, Prisma, ReminderStatus, TransactionClient } from '@mm/db';

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
