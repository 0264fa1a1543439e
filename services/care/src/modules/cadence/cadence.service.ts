import { randomUUID } from 'node:crypto';
import type { CadenceSuggestion as SuggestionRow, TransactionClient } from '@mm/db';
import { fromGlobalId, notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import type { DiaryRepository } from '../diary/diary.repository.ts';
import { diaryTrend } from '../outcomes/outcomes.metrics.ts';
import { clientSettings, resolveClientScope } from '../shared/access.ts';
import { resolveLocalTime, toLocal } from '../shared/local-time.ts';
import { advisoryLock } from '../shared/locks.repository.ts';
import { CadenceError } from './cadence.errors.ts';
import { type CadencePlan, suggestCadence } from './cadence.policy.ts';
import {
  completedSessions,
  findSuggestion,
  markBooked,
  openSuggestions,
  replaceSuggestions,
} from './cadence.repository.ts';

export class CadenceService {
  constructor(
    private readonly ctx: CareContext,
    private readonly diary: DiaryRepository,
  ) {}

  /** The pure plan for a client right now: completed sessions plus the diary trend. */
  private async compute(tx: TransactionClient, clientId: string) {
    const sessions = await completedSessions(tx, clientId);
    const first = sessions[0];
    const last = sessions.at(-1);
    if (!first || !last) return null;
    const { timeZone } = await clientSettings(tx, clientId);
    const entries = await this.diary.entriesOf(tx, clientId);
    const trend = diaryTrend({ entries, timeZone, firstSessionAt: first.startsAt, asOf: this.ctx.now() });
    const plan = suggestCadence({ sessions: sessions.map((s) => s.startsAt), timeZone, trend });
    return { plan, last, timeZone, trend };
  }

  /**
   * After a session or a diary change: replaces the open suggestions when the plan
   * moved; unchanged suggestions keep their ids, so a client mid-booking is not disturbed.
   */
  async refresh(tx: TransactionClient, clientId: string): Promise<void> {
    await advisoryLock(tx, `care-cadence-${clientId}`);
    const computed = await this.compute(tx, clientId);
    if (!computed) return;
    const { plan, last, timeZone } = computed;
    const open = await openSuggestions(tx, clientId);
    const same =
      open.length === plan.suggestions.length &&
      open.every(
        (o, i) =>
          o.localDate === plan.suggestions[i]?.date &&
          o.stage === plan.suggestions[i]?.stage &&
          o.sourceBookingId === last.bookingId,
      );
    if (same) return;
    // Same local time of day as the last session, on the suggested date.
    const minute = toLocal(last.startsAt, timeZone).minute;
    const now = this.ctx.now();
    await replaceSuggestions(
      tx,
      clientId,
      plan.suggestions.map((s, position) => ({
        id: randomUUID(),
        clientId,
        therapistId: last.therapistId,
        sourceBookingId: last.bookingId,
        position,
        localDate: s.date,
        startsAt: resolveLocalTime(s.date, minute, timeZone).instant,
        stage: s.stage,
        intervalDays: s.intervalDays,
        reason: s.reason,
        createdAt: now,
      })),
    );
  }

  async plan(
    viewer: Viewer,
    clientGlobalId: string | null | undefined,
  ): Promise<{
    suggestions: SuggestionRow[];
    physicianReview: CadencePlan['physicianReview'];
    expectation: string;
  }> {
    const clientId = await resolveClientScope(this.ctx.prisma, viewer, clientGlobalId);
    return this.ctx.prisma.$transaction(async (tx) => {
      const computed = await this.compute(tx, clientId);
      const suggestions = await openSuggestions(tx, clientId);
      return {
        suggestions,
        physicianReview: computed?.plan.physicianReview ?? null,
        expectation:
          computed?.plan.expectation ??
          suggestCadence({
            sessions: [],
            timeZone: 'UTC',
            trend: { direction: 'INSUFFICIENT_DATA', baselineMigraineDays: 0, recentMigraineDaysPer30: null },
          }).expectation,
      };
    });
  }

  /**
   * One action: the suggestion becomes a booking draft with the same therapist. Booking
   * builds the draft from care.rebook_requested. A second press changes nothing and says why.
   */
  async book(viewer: Viewer, raw: unknown): Promise<SuggestionRow> {
    const client = requireRole(viewer, 'CLIENT');
    const { suggestionId } = z.object({ suggestionId: z.string() }).parse(raw);
    const id = fromGlobalId('CadenceSuggestion', suggestionId, 'suggestionId');
    return this.ctx.prisma.$transaction(async (tx) => {
      const now = this.ctx.now();
      const booked = await markBooked(tx, id, client.userId, now);
      const suggestion = await findSuggestion(tx, id);
      if (!suggestion || suggestion.clientId !== client.userId) throw notFound('This suggested session');
      if (!booked) {
        throw new CadenceError(
          'CADENCE_SUGGESTION_UNAVAILABLE',
          suggestion.status === 'BOOKED'
            ? 'This suggested session was already turned into a booking request.'
            : 'This suggestion was replaced by a newer one; reload the cadence plan.',
          { status: suggestion.status },
        );
      }
      await emitEvent(tx, {
        type: 'care.rebook_requested',
        aggregateType: 'CadenceSuggestion',
        aggregateId: id,
        payload: {
          suggestionId: id,
          clientId: suggestion.clientId,
          therapistId: suggestion.therapistId,
          startsAt: suggestion.startsAt.toISOString(),
        },
      });
      return suggestion;
    });
  }
}
