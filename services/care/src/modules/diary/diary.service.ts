import { randomUUID } from 'node:crypto';
import type { TransactionClient } from '@mm/db';
import { fromGlobalId, notFound, pageRequest, requireRole, toConnection, type Viewer } from '@mm/graphql-kit';
import { FREE_TEXT_URGENT_GUIDANCE, type FreeTextReading, readFreeText } from '@mm/safety';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import type { CadenceService } from '../cadence/cadence.service.ts';
import { validateDiaryEntry } from '../outcomes/outcomes.metrics.ts';
import { resolveClientScope } from '../shared/access.ts';
import { createCareAlert, freeTextFinding, latestTherapistOf } from '../shared/alerts.repository.ts';
import { DiaryError } from './diary.errors.ts';
import type { DiaryRepository, OpenDiaryEntry, SealedDiary } from './diary.repository.ts';

const addInput = z.object({
  startedAt: z.date(),
  endedAt: z.date().nullish(),
  peakIntensity: z.number().int(),
  isMigraine: z.boolean(),
  aura: z.boolean(),
  triggers: z.array(z.string().trim().min(1).max(80)).max(20).nullish(),
  medications: z
    .array(
      z.object({ name: z.string().trim().min(1).max(120), relief: z.enum(['NONE', 'PARTIAL', 'COMPLETE']) }),
    )
    .max(10)
    .nullish(),
  wokeWithIt: z.boolean(),
  startedWhere: z.string().trim().max(200).nullish(),
  note: z.string().trim().max(2000).nullish(),
});

/** What the client is told at once when their words describe a possible red flag. */
export interface DiaryUrgentGuidance {
  guidance: string;
  ruleIds: string[];
}

export interface AddedDiaryEntry {
  entry: OpenDiaryEntry;
  urgent: DiaryUrgentGuidance | null;
  /** The words went to a person (an admin alert, the therapist's review queue). */
  flaggedForReview: boolean;
}

export class DiaryService {
  constructor(
    private readonly ctx: CareContext,
    private readonly repo: DiaryRepository,
    private readonly cadence: CadenceService,
  ) {}

  /**
   * The client logs a headache. Their own words (note, triggers, where it started) are read
   * for red flags like a homework log: a red flag returns urgent guidance at once and opens
   * an admin alert; words the reader cannot call harmless go to the therapist's review queue.
   */
  async add(viewer: Viewer, raw: unknown): Promise<AddedDiaryEntry> {
    const client = requireRole(viewer, 'CLIENT');
    const input = addInput.parse(raw);
    const sealed: SealedDiary = {
      peakIntensity: input.peakIntensity,
      isMigraine: input.isMigraine,
      aura: input.aura,
      triggers: input.triggers ?? [],
      medications: input.medications ?? [],
      wokeWithIt: input.wokeWithIt,
      startedWhere: input.startedWhere ?? null,
      note: input.note ?? null,
    };
    this.refuseNonsense(input, sealed);
    const reading = readFreeText(
      [...sealed.triggers, sealed.startedWhere, sealed.note].filter((t): t is string => !!t),
    );
    const id = randomUUID();
    const now = this.ctx.now();
    const row = await this.ctx.prisma.$transaction(async (tx) => {
      const created = await this.repo.create(tx, {
        id,
        clientId: client.userId,
        startedAt: input.startedAt,
        endedAt: input.endedAt ?? null,
        sealed: this.repo.seal(sealed, id),
        createdAt: now,
        updatedAt: now,
      });
      await this.alertOnWords(tx, reading, { clientId: client.userId, entryId: id, now });
      // The cadence plan adapts to the diary trend.
      await this.cadence.refresh(tx, client.userId);
      return created;
    });
    return {
      entry: this.repo.open(row),
      urgent: reading.verdict === 'RED_FLAG' ? urgentGuidance(reading) : null,
      flaggedForReview: reading.verdict !== 'HARMLESS',
    };
  }

  private refuseNonsense(input: z.infer<typeof addInput>, sealed: SealedDiary): void {
    const issues = validateDiaryEntry(
      { ...sealed, start: input.startedAt, end: input.endedAt ?? null, startedWhere: undefined },
      this.ctx.now(),
    );
    if (issues.length > 0) {
      throw new DiaryError('DIARY_ENTRY_INVALID', issues.map((i) => i.message).join(' '), {
        issues: issues.map((i) => ({ ...i })),
      });
    }
  }

  /** A red flag opens an urgent admin alert; an unplaced word a routine review. Sealed: it names symptoms. */
  private async alertOnWords(
    tx: TransactionClient,
    reading: FreeTextReading,
    at: { clientId: string; entryId: string; now: Date },
  ): Promise<void> {
    if (reading.verdict === 'HARMLESS') return;
    const redFlag = reading.verdict === 'RED_FLAG';
    const freeText = freeTextFinding(reading);
    await createCareAlert(tx, this.ctx.cipher, {
      kind: redFlag ? 'RED_FLAG_SYMPTOM' : 'FREE_TEXT_REVIEW',
      severity: redFlag ? 'URGENT' : 'ROUTINE',
      clientId: at.clientId,
      therapistId: await latestTherapistOf(tx, at.clientId),
      source: { diaryEntryId: at.entryId },
      now: at.now,
      detail: {
        reason: redFlag
          ? 'A diary entry describes a possible red-flag symptom; the client was told to seek medical care now.'
          : 'A diary entry has words the safety reader could not call harmless; a clinician should read it.',
        symptoms: freeText.concepts,
        freeText,
      },
    });
  }

  async remove(viewer: Viewer, raw: unknown): Promise<string> {
    const client = requireRole(viewer, 'CLIENT');
    const { entryId } = z.object({ entryId: z.string() }).parse(raw);
    const id = fromGlobalId('DiaryEntry', entryId, 'entryId');
    await this.ctx.prisma.$transaction(async (tx) => {
      if (!(await this.repo.remove(tx, id, client.userId))) throw notFound('This diary entry');
      await this.cadence.refresh(tx, client.userId);
    });
    return entryId;
  }

  async list(
    viewer: Viewer,
    args: { clientId?: string | null; first?: number | null; after?: string | null },
  ) {
    const clientId = await resolveClientScope(this.ctx.prisma, viewer, args.clientId);
    const page = pageRequest(args);
    const rows = await this.repo.page(this.ctx.prisma, clientId, page.after, page.take);
    return toConnection(
      rows.map((r) => this.repo.open(r)),
      page.size,
      (r) => [r.start.toISOString(), r.id],
    );
  }
}

function urgentGuidance(reading: FreeTextReading): DiaryUrgentGuidance {
  const urgent = reading.matches.filter((m) => m.urgency === 'URGENT');
  return { guidance: FREE_TEXT_URGENT_GUIDANCE, ruleIds: [...new Set(urgent.map((m) => m.ruleId))] };
}
