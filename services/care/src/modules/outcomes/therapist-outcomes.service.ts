import type { PrismaClient, TherapistOutcome, TransactionClient } from '@mm/db';
import { emitEvent } from '@mm/queue';
import type { CareContext } from '../../context.ts';
import type { DiaryRepository } from '../diary/diary.repository.ts';
import { clientSettings } from '../shared/access.ts';
import { responder } from './outcomes.metrics.ts';
import {
  type ClientFacts,
  changedShares,
  hit6Change,
  OUTCOME_MIN_CLIENTS,
  type PublishedShare,
  therapistOutcomes,
} from './therapist-outcomes.policy.ts';
import {
  announcedShares,
  completedSessions,
  hit6ScoresOf,
  type OutcomeSession,
  outcomesOf,
  pressureReportsOf,
  publishedShare,
  recordAnnounced,
  replaceOutcomes,
} from './therapist-outcomes.repository.ts';

/** Every hour: outcomes change with diaries and questionnaires, not by the minute. */
export const THERAPIST_OUTCOMES_EVERY_MS = 3_600_000;

type Session = OutcomeSession;

/**
 * The scheduled job behind `Therapist.outcomes`: recomputes every therapist's row
 * from care's stored sessions, diary entries, HIT-6 scores and pressure reports
 * (never from ratings). A therapist under the threshold has no row. Each
 * responder share that differs from what booking was last told is announced
 * in the same transaction.
 */
export class TherapistOutcomesService {
  constructor(
    private readonly ctx: CareContext,
    private readonly diary: DiaryRepository,
  ) {}

  async refresh(): Promise<{ therapists: number; published: number }> {
    const prisma = this.ctx.prisma;
    const sessions = await completedSessions(prisma);
    const byTherapist = new Map<string, Session[]>();
    for (const s of sessions) byTherapist.set(s.therapistId, [...(byTherapist.get(s.therapistId) ?? []), s]);
    const qualifying = [...byTherapist].filter(
      ([, rows]) => new Set(rows.map((r) => r.clientId)).size >= OUTCOME_MIN_CLIENTS,
    );
    const clientIds = [...new Set(qualifying.flatMap(([, rows]) => rows.map((r) => r.clientId)))];
    const perClient = await this.clientFacts(prisma, clientIds, sessions);
    const reports = await pressureReportsOf(
      prisma,
      qualifying.flatMap(([, rows]) => rows.map((r) => r.bookingId)),
    );
    const computedAt = this.ctx.now();
    const rows = qualifying.flatMap(([therapistId, rows]) => {
      const mine = reports.filter((r) => r.therapistId === therapistId);
      const clients: ClientFacts[] = [...new Set(rows.map((r) => r.clientId))].map((clientId) => ({
        clientId,
        ...(perClient.get(clientId) as Omit<ClientFacts, 'clientId' | 'sessions'>),
        sessions: rows.filter((r) => r.clientId === clientId).length,
      }));
      const figures = therapistOutcomes(clients, {
        reported: mine.length,
        overCap: mine.filter((r) => r.overCap).length,
      });
      return figures ? [{ therapistId, ...figures, computedAt }] : [];
    });
    await prisma.$transaction(async (tx) => {
      await replaceOutcomes(tx, rows);
      const changes = changedShares(await announcedShares(tx), rows.map(publishedShare));
      await announceChanges(tx, changes, computedAt);
    });
    return { therapists: byTherapist.size, published: rows.length };
  }

  /** Rows for a page of therapists, in order (null = under the threshold or no sessions). */
  async forTherapists(therapistIds: readonly string[]): Promise<(TherapistOutcome | null)[]> {
    const rows = await outcomesOf(this.ctx.prisma, therapistIds);
    const byId = new Map(rows.map((r) => [r.therapistId, r]));
    return therapistIds.map((id) => byId.get(id) ?? null);
  }

  /** Responder status and HIT-6 change per client, as the client's own outcomes screen computes them. */
  private async clientFacts(
    prisma: PrismaClient,
    clientIds: readonly string[],
    sessions: readonly Session[],
  ) {
    const asOf = this.ctx.now();
    const hit6 = await hit6ScoresOf(prisma, clientIds);
    const facts = new Map<string, Omit<ClientFacts, 'clientId' | 'sessions'>>();
    for (const clientId of clientIds) {
      const firstSessionAt = sessions.find((s) => s.clientId === clientId)?.startsAt as Date;
      const [{ timeZone }, entries] = await Promise.all([
        clientSettings(prisma, clientId),
        this.diary.entriesOf(prisma, clientId),
      ]);
      facts.set(clientId, {
        responder: responder({ entries, timeZone, firstSessionAt, asOf }).status,
        hit6Change: hit6Change(
          hit6.filter((q) => q.clientId === clientId),
          firstSessionAt,
        ),
      });
    }
    return facts;
  }
}

/**
 * Booking's OUTCOMES sort hears of each changed share, in the refresh's
 * transaction (with the record of what it was told): the published aggregate
 * only, never a per-client fact.
 */
async function announceChanges(
  tx: TransactionClient,
  changes: readonly PublishedShare[],
  computedAt: Date,
): Promise<void> {
  for (const change of changes) {
    await emitEvent(tx, {
      type: 'care.therapist_outcomes_updated',
      aggregateType: 'Therapist',
      aggregateId: change.therapistId,
      payload: {
        therapistId: change.therapistId,
        responderRate: change.responderRate,
        computedAt: computedAt.toISOString(),
      },
    });
  }
  await recordAnnounced(tx, changes, computedAt);
}
