import { randomUUID } from 'node:crypto';
import { recordAudit } from '@mm/db';
import {
  fromGlobalId,
  newestFirstAfter,
  notFound,
  pageRequest,
  requireRole,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import type { CadenceService } from '../cadence/cadence.service.ts';
import { validateDiaryEntry } from '../outcomes/outcomes.metrics.ts';
import { resolveClientScope } from '../shared/access.ts';
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
});

export class DiaryService {
  constructor(
    private readonly ctx: CareContext,
    private readonly repo: DiaryRepository,
    private readonly cadence: CadenceService,
  ) {}

  async add(viewer: Viewer, raw: unknown): Promise<OpenDiaryEntry> {
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
    };
    const issues = validateDiaryEntry(
      {
        ...sealed,
        start: input.startedAt,
        end: input.endedAt ?? null,
        startedWhere: undefined,
      },
      this.ctx.now(),
    );
    if (issues.length > 0) {
      throw new DiaryError('DIARY_ENTRY_INVALID', issues.map((i) => i.message).join(' '), {
        issues: issues.map((i) => ({ ...i })),
      });
    }
    const id = randomUUID();
    const now = this.ctx.now();
    const row = await this.ctx.prisma.$transaction(async (tx) => {
      const created = await tx.diaryEntry.create({
        data: {
          id,
          clientId: client.userId,
          startedAt: input.startedAt,
          endedAt: input.endedAt ?? null,
          sealed: this.repo.seal(sealed, id),
          createdAt: now,
          updatedAt: now,
        },
      });
      // The cadence plan adapts to the diary trend.
      await this.cadence.refresh(tx, client.userId);
      return created;
    });
    return this.repo.open(row);
  }

  async remove(viewer: Viewer, raw: unknown): Promise<string> {
    const client = requireRole(viewer, 'CLIENT');
    const { entryId } = z.object({ entryId: z.string() }).parse(raw);
    const id = fromGlobalId('DiaryEntry', entryId, 'entryId');
    await this.ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.diaryEntry.deleteMany({ where: { id, clientId: client.userId } });
      if (count === 0) throw notFound('This diary entry');
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
    const rows = await this.ctx.prisma.$transaction(async (tx) => {
      const found = await tx.diaryEntry.findMany({
        where: {
          clientId,
          ...newestFirstAfter('startedAt', page.after),
        },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        take: page.take,
      });
      if (viewer.role === 'ADMIN') {
        await recordAudit(tx, {
          actorId: viewer.userId,
          actorRole: 'ADMIN',
          action: 'care.diary.read',
          entityType: 'Client',
          entityId: clientId,
        });
      }
      return found;
    });
    return toConnection(
      rows.map((r) => this.repo.open(r)),
      page.size,
      (r) => [r.start.toISOString(), r.id],
    );
  }
}
