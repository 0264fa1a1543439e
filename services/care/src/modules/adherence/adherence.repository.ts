import type { HomeworkLog, Prisma, Reminder, TransactionClient } from '@mm/db';

/** Writes one homework log (sealed answers; severity is the policy's verdict). */
export function createLog(
  tx: TransactionClient,
  data: Prisma.HomeworkLogUncheckedCreateInput,
): Promise<HomeworkLog> {
  return tx.homeworkLog.create({ data });
}

/** The reminder a log answers, to read when it was for. */
export function findReminder(tx: TransactionClient, id: string): Promise<Reminder | null> {
  return tx.reminder.findUnique({ where: { id } });
}
