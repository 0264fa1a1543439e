import { randomUUID } from 'node:crypto';
import type { QuestionnaireResponse } from '@mm/db';
import { requireRole, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import type { DiaryRepository } from '../diary/diary.repository.ts';
import { clientSettings, resolveClientScope } from '../shared/access.ts';
import { OutcomesError } from './outcomes.errors.ts';
import { adherence, diaryTrend, outcomeSeries, responder } from './outcomes.metrics.ts';
import {
  clientsWithCompletedSessions,
  completedSessionsOf,
  dueRemindersOf,
  homeworkLogsOf,
  insertResponse,
  latestResponses,
  responsesOf,
} from './outcomes.repository.ts';
import {
  HIT6_BANDS,
  MIDAS_GRADES,
  type QuestionnaireIssue,
  questionnairesDue,
  type ScoreResult,
  scoreHit6,
  scoreMidas,
} from './questionnaires.ts';

const hit6Input = z.object({ answers: z.array(z.string()).max(12) });
const midasInput = z.object({
  items: z.array(z.number()).max(10),
  headacheDays: z.number(),
  averagePain: z.number(),
});

function scored<T>(result: ScoreResult<T>, name: string): T {
  if (result.ok) return result.value;
  const issues: readonly QuestionnaireIssue[] = result.issues;
  throw new OutcomesError(
    'QUESTIONNAIRE_INVALID',
    `The ${name} answers are not complete or valid: ${issues.map((i) => i.message).join(' ')}`,
    { issues: issues.map((i) => ({ ...i })) },
  );
}

export const questionnaireLabel = (r: Pick<QuestionnaireResponse, 'kind' | 'band'>) =>
  r.kind === 'HIT6'
    ? (HIT6_BANDS.find((b) => b.band === r.band)?.label ?? r.band)
    : (MIDAS_GRADES.find((g) => g.grade === r.band)?.label ?? r.band);

export class OutcomesService {
  constructor(
    private readonly ctx: CareContext,
    private readonly diary: DiaryRepository,
  ) {}

  async submitHit6(viewer: Viewer, raw: unknown): Promise<QuestionnaireResponse> {
    const client = requireRole(viewer, 'CLIENT');
    const input = hit6Input.parse(raw);
    const score = scored(scoreHit6(input.answers), 'HIT-6');
    return this.store(client.userId, 'HIT6', score.total, score.band, input);
  }

  async submitMidas(viewer: Viewer, raw: unknown): Promise<QuestionnaireResponse> {
    const client = requireRole(viewer, 'CLIENT');
    const input = midasInput.parse(raw);
    const score = scored(scoreMidas(input), 'MIDAS');
    return this.store(client.userId, 'MIDAS', score.total, score.grade, input);
  }

  private store(clientId: string, kind: 'HIT6' | 'MIDAS', score: number, band: string, answers: unknown) {
    const id = randomUUID();
    return insertResponse(this.ctx.prisma, {
      id,
      clientId,
      kind,
      score,
      band,
      sealed: this.ctx.cipher.sealJson(answers, id),
      takenAt: this.ctx.now(),
    });
  }

  async lastTaken(clientId: string) {
    const last = await latestResponses(this.ctx.prisma, clientId);
    return { HIT6: last.HIT6?.takenAt ?? null, MIDAS: last.MIDAS?.takenAt ?? null };
  }

  /** Everything the outcomes screen shows, for the client or their therapist. */
  async outcomes(viewer: Viewer, clientGlobalId: string | null | undefined) {
    const prisma = this.ctx.prisma;
    const clientId = await resolveClientScope(prisma, viewer, clientGlobalId);
    const asOf = this.ctx.now();
    const { timeZone } = await clientSettings(prisma, clientId);
    const [sessions, entries, questionnaires, reminders, logs] = await Promise.all([
      completedSessionsOf(prisma, clientId),
      this.diary.entriesOf(prisma, clientId),
      responsesOf(prisma, clientId),
      dueRemindersOf(prisma, clientId, asOf),
      homeworkLogsOf(prisma, clientId),
    ]);
    const firstSessionAt = sessions[0]?.startsAt ?? null;
    const input = firstSessionAt ? { entries, timeZone, firstSessionAt, asOf } : null;
    const series = input ? outcomeSeries(input) : [];
    const adherenceFigures = adherence({
      scheduled: reminders.map((r) => ({ itemId: r.itemId, scheduledFor: r.fireAt })),
      logs: logs.map((l) => ({
        itemId: l.itemId,
        scheduledFor: l.scheduledFor,
        status: l.status === 'DONE' ? ('done' as const) : ('skipped' as const),
        loggedAt: l.loggedAt,
      })),
      asOf,
    });
    const due = questionnairesDue(await this.lastTaken(clientId), asOf);
    return {
      clientId,
      timeZone,
      firstSessionAt,
      sessionsCompleted: sessions.length,
      baseline: series.find((p) => p.kind === 'BASELINE') ?? null,
      windows: series.filter((p) => p.kind === 'WINDOW'),
      responder: input ? responder(input) : null,
      trend: input ? diaryTrend(input) : null,
      adherence: adherenceFigures,
      hit6: questionnaires.filter((q) => q.kind === 'HIT6'),
      midas: questionnaires.filter((q) => q.kind === 'MIDAS'),
      questionnairesDue: (['HIT6', 'MIDAS'] as const).map((kind) => ({ kind, ...due[kind] })),
    };
  }
}

/**
 * Prompts each client with a completed session for HIT-6 every 4 weeks and MIDAS every
 * 12 weeks. The dedupe key names the last response, so each due cycle prompts once.
 */
export async function promptDueQuestionnaires(ctx: CareContext): Promise<number> {
  const { queueNotification } = await import('@mm/queue');
  let prompted = 0;
  for (const clientId of await clientsWithCompletedSessions(ctx.prisma)) {
    const last = await latestResponses(ctx.prisma, clientId);
    const due = questionnairesDue(
      { HIT6: last.HIT6?.takenAt ?? null, MIDAS: last.MIDAS?.takenAt ?? null },
      ctx.now(),
    );
    for (const kind of ['HIT6', 'MIDAS'] as const) {
      if (!due[kind].due) continue;
      const sent = await ctx.prisma.$transaction((tx) =>
        queueNotification(tx, {
          userId: clientId,
          template: kind === 'HIT6' ? 'questionnaire-hit6-due' : 'questionnaire-midas-due',
          payload: { kind, lastTakenAt: last[kind]?.takenAt.toISOString() ?? null },
          dedupeKey: `questionnaire-${kind}-${clientId}-${last[kind]?.id ?? 'first'}`,
        }),
      );
      if (sent) prompted++;
    }
  }
  return prompted;
}
