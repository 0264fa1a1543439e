import type { TransactionClient } from '@mm/db';

/** Locks one reminder row for delivery; false when it does not exist. */
export async function lockReminder(tx: TransactionClient, reminderId: string): Promise<boolean> {
  return (await lockReminders(tx, [reminderId])).length > 0;
}

/**
 * Locks a batch of reminder rows for delivery in one statement, in id order (two batches that share rows
 * lock them in the same order, so they queue instead of deadlocking). Returns the ids that exist.
 */
export async function lockReminders(
  tx: TransactionClient,
  reminderIds: readonly string[],
): Promise<string[]> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM care.reminders WHERE id = ANY (${[...reminderIds]}::uuid[]) ORDER BY id FOR UPDATE`;
  return locked.map((r) => r.id);
}

/** Locked reminders with their plans (the delivery reads both under the rows' locks). */
export function remindersWithPlans(tx: TransactionClient, ids: readonly string[]) {
  return tx.reminder.findMany({ where: { id: { in: [...ids] } }, include: { plan: true } });
}

export async function cancelReminders(tx: TransactionClient, ids: readonly string[]): Promise<void> {
  await tx.reminder.updateMany({ where: { id: { in: [...ids] } }, data: { status: 'CANCELLED' } });
}

export async function markRemindersSent(
  tx: TransactionClient,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  await tx.reminder.updateMany({ where: { id: { in: [...ids] } }, data: { status: 'SENT', sentAt: at } });
}
