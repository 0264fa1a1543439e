import type { Prisma, TransactionClient } from '@mm/db';
import { type PublishedShare, share } from './therapist-outcomes.policy.ts';

/** Records booking's pressure report (only whether it went above the cap); a replay adds nothing. */
export async function recordPressureReport(
  tx: TransactionClient,
  r: { bookingId: string; therapistId: string; clientId: string; overCap: boolean; reportedAt: Date },
): Promise<void> {
  await tx.carePressureReport.createMany({ data: [r], skipDuplicates: true });
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

/** Replaces every published row: therapists not in `rows` (now under the threshold) lose theirs. */
export async function replaceOutcomes(
  tx: TransactionClient,
  rows: readonly Prisma.TherapistOutcomeCreateInput[],
): Promise<void> {
  await tx.therapistOutcome.deleteMany({
    where: { therapistId: { notIn: rows.map((r) => r.therapistId) } },
  });
  for (const row of rows) {
    await tx.therapistOutcome.upsert({ where: { therapistId: row.therapistId }, create: row, update: row });
  }
}
