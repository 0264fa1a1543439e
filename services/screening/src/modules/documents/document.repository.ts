import type { Document, Prisma, PrismaClient, TherapistApplication, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;
export type DocumentWithApplication = Document & { application: TherapistApplication };

/** Application documents: the declared upload, the stored file's facts. */
export class DocumentsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  applicationOf(therapistId: string): Promise<TherapistApplication | null> {
    return this.prisma.therapistApplication.findUnique({ where: { therapistId } });
  }

  declare(data: Prisma.DocumentUncheckedCreateInput): Promise<Document> {
    return this.prisma.document.create({ data });
  }

  find(id: string, db: Db = this.prisma): Promise<Document | null> {
    return db.document.findUnique({ where: { id } });
  }

  /** Many documents in one query, in the order asked; null where none (the loaders). */
  async findMany(ids: readonly (string | null)[]): Promise<(Document | null)[]> {
    const wanted = ids.filter((id): id is string => id !== null);
    const rows = wanted.length ? await this.prisma.document.findMany({ where: { id: { in: wanted } } }) : [];
    const byId = new Map(rows.map((d) => [d.id, d]));
    return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
  }

  withApplication(id: string): Promise<DocumentWithApplication | null> {
    return this.prisma.document.findUnique({ where: { id }, include: { application: true } });
  }

  withApplications(ids: readonly string[]): Promise<DocumentWithApplication[]> {
    return this.prisma.document.findMany({ where: { id: { in: [...ids] } }, include: { application: true } });
  }

  /** Marks an awaited upload as stored; false when it was already uploaded (the link works once). */
  async markUploaded(
    tx: TransactionClient,
    id: string,
    data: { contentType: string; sizeBytes: number; sha256: string; storageKey: string; uploadedAt: Date },
  ): Promise<boolean> {
    const updated = await tx.document.updateMany({
      where: { id, uploadStatus: 'AWAITING_UPLOAD' },
      data: { uploadStatus: 'UPLOADED', ...data },
    });
    return updated.count === 1;
  }

  get(tx: TransactionClient, id: string): Promise<Document> {
    return tx.document.findUniqueOrThrow({ where: { id } });
  }
}
