import type { FieldCipher } from '@mm/crypto';
import type { DiaryEntry as DiaryRow, Prisma, PrismaClient, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';
import type { DiaryEntry } from '../outcomes/outcomes.metrics.ts';

/** Everything but start and end is sealed at rest (row id as associated data). */
export interface SealedDiary {
  peakIntensity: number;
  isMigraine: boolean;
  aura: boolean;
  triggers: string[];
  medications: { name: string; relief: 'NONE' | 'PARTIAL' | 'COMPLETE' }[];
  wokeWithIt: boolean;
  startedWhere: string | null;
  /** The client's own words about it (absent on older entries). */
  note?: string | null;
}

export type OpenDiaryEntry = DiaryEntry & { id: string; createdAt: Date; note?: string | null };

/** Reads a client's diary and opens the sealed part; cadence and outcomes read through it too. */
export class DiaryRepository {
  constructor(private readonly cipher: FieldCipher) {}

  seal(entry: SealedDiary, id: string): string {
    return this.cipher.sealJson(entry, id);
  }

  open(row: DiaryRow): OpenDiaryEntry {
    const d = this.cipher.openJson<SealedDiary>(row.sealed, row.id);
    return {
      id: row.id,
      start: row.startedAt,
      end: row.endedAt,
      createdAt: row.createdAt,
      ...d,
      startedWhere: d.startedWhere ?? undefined,
    } as OpenDiaryEntry;
  }

  /** Every entry of a client, opened; the metrics run in memory (a diary is small). */
  async entriesOf(db: PrismaClient | TransactionClient, clientId: string): Promise<OpenDiaryEntry[]> {
    const rows = await db.diaryEntry.findMany({ where: { clientId }, orderBy: { startedAt: 'asc' } });
    return rows.map((r) => this.open(r));
  }

  create(tx: TransactionClient, data: Prisma.DiaryEntryUncheckedCreateInput): Promise<DiaryRow> {
    return tx.diaryEntry.create({ data });
  }

  /** Deletes the client's own entry; false when there was none. */
  async remove(tx: TransactionClient, id: string, clientId: string): Promise<boolean> {
    const { count } = await tx.diaryEntry.deleteMany({ where: { id, clientId } });
    return count > 0;
  }

  /** One page of a client's entries, newest first (take = size + 1). */
  page(db: PrismaClient | TransactionClient, clientId: string, after: unknown[] | null, take: number) {
    return db.diaryEntry.findMany({
      where: { clientId, ...newestFirstAfter('startedAt', after) },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }
}
