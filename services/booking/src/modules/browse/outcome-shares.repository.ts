import type { PrismaClient, TransactionClient } from '@mm/db';
import type { PlatformEvents } from '@mm/queue';

type Db = PrismaClient | TransactionClient;

/**
 * Booking's projection of care's published responder shares
 * (care.therapist_outcomes_updated), read only by the OUTCOMES sort.
 */
export class OutcomeSharesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** One statement, so concurrent deliveries cannot race; a share computed earlier than the stored one is ignored. */
  async apply(tx: Db, fact: PlatformEvents['care.therapist_outcomes_updated']): Promise<void> {
    const computedAt = new Date(fact.computedAt);
    await tx.$executeRaw`
      INSERT INTO booking.therapist_outcome_shares (therapist_id, responder_rate, computed_at)
      VALUES (${fact.therapistId}::uuid, ${fact.responderRate}::float8, ${computedAt}::timestamptz)
      ON CONFLICT (therapist_id) DO UPDATE SET
        responder_rate = EXCLUDED.responder_rate,
        computed_at = EXCLUDED.computed_at
      WHERE therapist_outcome_shares.computed_at <= EXCLUDED.computed_at`;
  }

  /** The published share of each of these therapists; absent = none published. */
  async sharesOf(therapistIds: readonly string[], db: Db = this.prisma): Promise<Map<string, number>> {
    if (therapistIds.length === 0) return new Map();
    const rows = await db.therapistOutcomeShare.findMany({
      where: { therapistId: { in: [...therapistIds] }, responderRate: { not: null } },
      select: { therapistId: true, responderRate: true },
    });
    return new Map(rows.map((r) => [r.therapistId, r.responderRate as number]));
  }
}
