import type { Prisma, PrismaClient, TherapistOutcome, TransactionClient } from '@mm/db';

import { type PublishedShare, share } from './therapist-outcomes.policy.ts';

type Db = PrismaClient | TransactionClient;
export type OutcomeSession = { bookingId: string; clientId: string; therapistId: string; startsAt: Date };
type OutcomeRow = Prisma.TherapistOutcomeUncheckedCreateInput;

/** Records booking's pressure report (only whether it went above the cap); a replay adds nothing. */
export async function recordPressureReport(
  tx: TransactionClient,
  r: { bookingId: string; therapistId: string; clientId: string; overCap: boolean; reportedAt: Date },
): Promise<void> {
  await tx.carePressureReport.createMany({ data: [r], skipDuplicates: true });
}

/** Every completed session, oldest first. */
export function completedSessions(db: Db): Promise<OutcomeSession[]> {
  return db.careBooking.findMany({
    where: { status: 'COMPLETED' },
    select: { bookingId: true, clientId: true, therapistId: true, startsAt: true },
    orderBy: { startsAt: 'asc' },
  });
}

export function pressureReportsOf(db: Db, bookingIds: readonly string[]) {
  return db.carePressureReport.findMany({
    where: { bookingId: { in: [...bookingIds] } },
    select: { therapistId: true, overCap: true },
  });
}

export function hit6ScoresOf(db: Db, clientIds: readonly string[]) {
  return db.questionnaireResponse.findMany({
    where: { clientId: { in: [...clientIds] }, kind: 'HIT6' },
    select: { clientId: true, score: true, takenAt: true },
  });
}

/** The responder share each published row shows (as `TherapistOutcomes.responderRate`). */
export const publishedShare = (r: {
  therapistId: string;
  responders: number;
  evaluableClients: number;
}): PublishedShare => ({
  therapistId: r.therapistId,
  responderRate: share(r.responders, r.evaluableClients),
});

/** What care last announced to booking, read in the refresh's transaction. */
export async function announcedShares(tx: TransactionClient): Promise<PublishedShare[]> {
  return tx.therapistOutcomeAnnouncement.findMany({ select: { therapistId: true, responderRate: true } });
}

/** Records what was just announced: a null share leaves no row. */
export async function recordAnnounced(
  tx: TransactionClient,
  changes: readonly PublishedShare[],
  announcedAt: Date,
): Promise<void> {
  const gone = changes.filter((c) => c.responderRate === null).map((c) => c.therapistId);
  await tx.therapistOutcomeAnnouncement.deleteMany({ where: { therapistId: { in: gone } } });
  for (const { therapistId, responderRate } of changes) {
    if (responderRate === null) continue;
    const row = { therapistId, responderRate, announcedAt };
    await tx.therapistOutcomeAnnouncement.upsert({ where: { therapistId }, create: row, update: row });
  }
}

/** Replaces the published rows: therapists not in `rows` lose theirs. */
export async function replaceOutcomes(tx: TransactionClient, rows: readonly OutcomeRow[]): Promise<void> {
  await tx.therapistOutcome.deleteMany({ where: { therapistId: { notIn: rows.map((r) => r.therapistId) } } });
  for (const row of rows) {
    await tx.therapistOutcome.upsert({ where: { therapistId: row.therapistId }, create: row, update: row });
  }
}

export function outcomesOf(db: Db, therapistIds: readonly string[]): Promise<TherapistOutcome[]> {
  return db.therapistOutcome.findMany({ where: { therapistId: { in: [...therapistIds] } } });
}
