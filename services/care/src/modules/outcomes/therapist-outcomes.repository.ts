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

/** The shares published now, read in the refresh's transaction before it replaces them. */
export async function publishedShares(tx: TransactionClient): Promise<PublishedShare[]> {
  const rows = await tx.therapistOutcome.findMany({
    select: { therapistId: true, responders: true, evaluableClients: true },
  });
  return rows.map(publishedShare);
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
