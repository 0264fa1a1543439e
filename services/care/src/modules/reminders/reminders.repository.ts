import type { TransactionClient } from '@mm/db';

/** Locks one reminder row for delivery; false when it does not exist. */
export async function lockReminder(tx: TransactionClient, reminderId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM care.reminders WHERE id = ${reminderId}::uuid FOR UPDATE`;
  return locked.length > 0;
}
