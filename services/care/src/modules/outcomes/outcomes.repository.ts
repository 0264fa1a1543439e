import type { CareBooking, PrismaClient, QuestionnaireResponse, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;
export type QuestionnaireKind = 'HIT6' | 'MIDAS';

/** The outcomes module's SQL: questionnaire responses, and the rows the outcomes screen reads. */
export function insertResponse(
  db: Db,
  data: {
    id: string;
    clientId: string;
    kind: QuestionnaireKind;
    score: number;
    band: string;
    sealed: string;
    takenAt: Date;
  },
): Promise<QuestionnaireResponse> {
  return db.questionnaireResponse.create({ data });
}

/** The client's latest response of each kind (null when never taken). */
export async function latestResponses(
  db: Db,
  clientId: string,
): Promise<Record<QuestionnaireKind, QuestionnaireResponse | null>> {
  const [HIT6, MIDAS] = await Promise.all(
    (['HIT6', 'MIDAS'] as const).map((kind) =>
      db.questionnaireResponse.findFirst({ where: { clientId, kind }, orderBy: { takenAt: 'desc' } }),
    ),
  );
  return { HIT6: HIT6 ?? null, MIDAS: MIDAS ?? null };
}

export function responsesOf(db: Db, clientId: string): Promise<QuestionnaireResponse[]> {
  return db.questionnaireResponse.findMany({ where: { clientId }, orderBy: { takenAt: 'asc' } });
}

export function completedSessionsOf(db: Db, clientId: string): Promise<CareBooking[]> {
  return db.careBooking.findMany({ where: { clientId, status: 'COMPLETED' }, orderBy: { startsAt: 'asc' } });
}

/** Reminders due by `asOf` (sent or still scheduled): what the client was asked to do. */
export function dueRemindersOf(db: Db, clientId: string, asOf: Date) {
  return db.reminder.findMany({
    where: { clientId, status: { in: ['SENT', 'SCHEDULED'] }, fireAt: { lte: asOf } },
    select: { itemId: true, fireAt: true },
  });
}

export function homeworkLogsOf(db: Db, clientId: string) {
  return db.homeworkLog.findMany({
    where: { clientId },
    select: { itemId: true, scheduledFor: true, status: true, loggedAt: true },
  });
}

/** Every client with at least one completed session. */
export async function clientsWithCompletedSessions(db: Db): Promise<string[]> {
  const rows = await db.careBooking.findMany({
    where: { status: 'COMPLETED' },
    distinct: ['clientId'],
    select: { clientId: true },
  });
  return rows.map((r) => r.clientId);
}
