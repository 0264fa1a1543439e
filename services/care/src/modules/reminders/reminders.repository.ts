import type { TransactionClient } from '@mm/db';

/** Locks one reminder row for delivery; false when it does not exist. */
export async function lockReminder(tx: TransactionClient, reminderId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM care.reminders WHERE id = ${reminderId}::uuid FOR UPDATE`;
  return locked.length > 0;
}

/** A reminder with its plan (the delivery reads both under the reminder's lock). */
export function reminderWithPlan(tx: TransactionClient, reminderId: string) {
  return tx.reminder.findUniqueOrThrow({ where: { id: reminderId }, include: { plan: true } });
}

export async function markReminder(
  tx: TransactionClient,
  reminderId: string,
  data: { status: 'CANCELLED' } | { status: 'SENT'; sentAt: Date },
): Promise<void> {
  await tx.reminder.update({ where: { id: reminderId }, data });
}
