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
