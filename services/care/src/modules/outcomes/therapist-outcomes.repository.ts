import type { TransactionClient } from '@mm/db';

/** Records booking's pressure report (only whether it went above the cap); a replay adds nothing. */
export async function recordPressureReport(
  tx: TransactionClient,
  r: { bookingId: string; therapistId: string; clientId: string; overCap: boolean; reportedAt: Date },
): Promise<void> {
  await tx.carePressureReport.createMany({ data: [r], skipDuplicates: true });
}
