import type { HomeworkPlan, Prisma, PrismaClient, Reminder, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';

/** The one place a homework plan row is locked: every change to a plan or its reminders takes this lock first. */
export async function lockPlan(tx: TransactionClient, planId: string): Promise<HomeworkPlan | null> {
  await tx.$queryRaw`SELECT id FROM care.homework_plans WHERE id = ${planId}::uuid FOR UPDATE`;
  return tx.homeworkPlan.findUnique({ where: { id: planId } });
}

type Db = PrismaClient | TransactionClient;

/**
 * The next scheduled reminders of many plans, at most `take` each, in two statements whatever
 * the number of plans (for the HomeworkPlan.upcomingReminders loader). Grouped by plan id.
 */
export async function upcomingRemindersOf(
  db: Db,
  planIds: readonly string[],
  from: Date,
  take: number,
): Promise<Map<string, Reminder[]>> {
  const byPlan = new Map<string, Reminder[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return byPlan;
  const picked = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM (
      SELECT id, row_number() OVER (PARTITION BY plan_id ORDER BY fire_at, item_id) AS n
      FROM care.reminders
      WHERE plan_id = ANY(${[...planIds]}::uuid[]) AND status = 'SCHEDULED' AND fire_at >= ${from}
    ) ranked
    WHERE n <= ${take}`;
  const rows = await db.reminder.findMany({
    where: { id: { in: picked.map((p) => p.id) } },
    orderBy: [{ fireAt: 'asc' }, { itemId: 'asc' }],
  });
  for (const r of rows) byPlan.get(r.planId)?.push(r);
  return byPlan;
}

/** What adherence is computed from, for many plans in two statements: fired reminders and logs. */
export async function adherenceFactsOf(db: Db, planIds: readonly string[], asOf: Date) {
  const [reminders, logs] = await Promise.all([
    db.reminder.findMany({
      where: { planId: { in: [...planIds] }, status: { in: ['SENT', 'SCHEDULED'] }, fireAt: { lte: asOf } },
      select: { planId: true, itemId: true, fireAt: true },
    }),
    db.homeworkLog.findMany({
      where: { planId: { in: [...planIds] } },
      select: { planId: true, itemId: true, scheduledFor: true, status: true, loggedAt: true },
    }),
  ]);
  return { reminders, logs };
}

/** Care's projection of a booking (its session, once completed). */
export function careBooking(db: Db, bookingId: string) {
  return db.careBooking.findUnique({ where: { bookingId } });
}

export function planOfBooking(db: Db, bookingId: string): Promise<HomeworkPlan | null> {
  return db.homeworkPlan.findUnique({ where: { bookingId } });
}

export function getPlan(db: Db, planId: string): Promise<HomeworkPlan> {
  return db.homeworkPlan.findUniqueOrThrow({ where: { id: planId } });
}

/** The client's plans still running (ACTIVE or PAUSED). */
export function openPlansOf(tx: TransactionClient, clientId: string): Promise<HomeworkPlan[]> {
  return tx.homeworkPlan.findMany({ where: { clientId, status: { in: ['ACTIVE', 'PAUSED'] } } });
}

export async function endPlan(
  tx: TransactionClient,
  planId: string,
  reason: string,
  at: Date,
): Promise<void> {
  await tx.homeworkPlan.update({
    where: { id: planId },
    data: { status: 'ENDED', statusReason: reason, updatedAt: at },
  });
}

export async function insertPlan(
  tx: TransactionClient,
  data: Prisma.HomeworkPlanUncheckedCreateInput,
): Promise<void> {
  await tx.homeworkPlan.create({ data });
}

export async function updatePlan(
  tx: TransactionClient,
  planId: string,
  data: Prisma.HomeworkPlanUpdateInput,
) {
  await tx.homeworkPlan.update({ where: { id: planId }, data });
}

export function findPlan(db: Db, planId: string): Promise<HomeworkPlan | null> {
  return db.homeworkPlan.findUnique({ where: { id: planId } });
}

/** Red-flag alerts still open on a plan (a client may not resume it while there are any). */
export function openAlertsOn(tx: TransactionClient, planId: string): Promise<number> {
  return tx.careAlert.count({ where: { planId, status: 'OPEN' } });
}

/** A client's plans, newest first, after the (createdAt, id) cursor. */
export function plansOf(
  db: Db,
  clientId: string,
  after: unknown[] | null,
  take: number,
): Promise<HomeworkPlan[]> {
  return db.homeworkPlan.findMany({
    where: { clientId, ...newestFirstAfter('createdAt', after) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** Ids of the client's ACTIVE plans. */
export async function activePlanIds(tx: TransactionClient, clientId: string): Promise<string[]> {
  const rows = await tx.homeworkPlan.findMany({
    where: { clientId, status: 'ACTIVE' },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
