import type { HomeworkPlan, TransactionClient } from '@mm/db';

/** The one place a homework plan row is locked: every change to a plan or its reminders takes this lock first. */
export async function lockPlan(tx: TransactionClient, planId: string): Promise<HomeworkPlan | null> {
  await tx.$queryRaw`SELECT id FROM care.homework_plans WHERE id = ${planId}::uuid FOR UPDATE`;
  return tx.homeworkPlan.findUnique({ where: { id: planId } });
}
