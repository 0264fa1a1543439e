import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '@mm/crypto';
import type { IntakeSource, MigraineIntake, PrismaClient, TransactionClient } from '@mm/db';
import { type SealedIntake, sealedIntakeSchema } from './intake.answers.ts';

type Db = PrismaClient | TransactionClient;

/** Intake rows. Answers are sealed with the row id as associated data, so a copied envelope does not open. */
export class IntakeRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: FieldCipher,
  ) {}

  current(clientId: string, db: Db = this.prisma): Promise<MigraineIntake | null> {
    return db.migraineIntake.findFirst({ where: { clientId }, orderBy: { version: 'desc' } });
  }

  findById(id: string, db: Db = this.prisma): Promise<MigraineIntake | null> {
    return db.migraineIntake.findUnique({ where: { id } });
  }

  open(row: Pick<MigraineIntake, 'id' | 'answersSealed'>): SealedIntake {
    return sealedIntakeSchema.parse(this.cipher.openJson(row.answersSealed, row.id));
  }

  /** Serialises writers per client (a transaction-scoped advisory lock), so versions never collide. */
  async lockClient(tx: TransactionClient, clientId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`intake:${clientId}`}, 0))`;
  }

  async create(
    tx: TransactionClient,
    a: { clientId: string; source: IntakeSource; intake: SealedIntake; now: Date; confirmed: boolean },
  ): Promise<MigraineIntake> {
    await this.lockClient(tx, a.clientId);
    const latest = await this.current(a.clientId, tx);
    const id = randomUUID();
    return tx.migraineIntake.create({
      data: {
        id,
        clientId: a.clientId,
        version: (latest?.version ?? 0) + 1,
        source: a.source,
        answersSealed: this.cipher.sealJson(a.intake, id),
        createdAt: a.now,
        confirmedAt: a.confirmed ? a.now : null,
      },
    });
  }

  confirm(tx: TransactionClient, id: string, now: Date): Promise<MigraineIntake> {
    return tx.migraineIntake.update({ where: { id }, data: { confirmedAt: now } });
  }

  /** Key rotation: re-seals up to `batch` rows still sealed with an older key; returns how many. */
  async resealOldKeys(batch = 200): Promise<number> {
    const rows = await this.prisma.migraineIntake.findMany({
      where: { NOT: { answersSealed: { startsWith: `v1.${this.cipher.currentKeyId}.` } } },
      take: batch,
    });
    for (const row of rows) {
      const plain = this.cipher.open(row.answersSealed, row.id);
      await this.prisma.migraineIntake.update({
        where: { id: row.id },
        data: { answersSealed: this.cipher.seal(plain, row.id) },
      });
    }
    return rows.length;
  }
}
