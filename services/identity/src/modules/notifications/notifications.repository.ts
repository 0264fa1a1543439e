import type { PrismaClient, TransactionClient } from '@mm/db';

export interface PendingRow {
  id: string;
  user_id: string;
  template: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** A recipient with the profile that says their name, zone and language. */
export function findRecipient(db: Pick<TransactionClient, 'user'>, userId: string) {
  return db.user.findUnique({ where: { id: userId }, include: { profile: true } });
}

/** The notifications outbox (platform.notifications) as the dispatcher drains it. */
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Oldest pending rows, locked; SKIP LOCKED lets any number of dispatchers run. */
  claimPending(tx: TransactionClient, limit: number): Promise<PendingRow[]> {
    return tx.$queryRaw<PendingRow[]>`
      SELECT id, user_id, template, payload, attempts FROM platform.notifications
      WHERE status = 'PENDING' ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  }

  async markSent(tx: TransactionClient, id: string, at: Date): Promise<void> {
    await tx.notification.update({
      where: { id },
      data: { status: 'SENT', sentAt: at, attempts: { increment: 1 } },
    });
  }

  async markFailedAttempt(
    tx: TransactionClient,
    id: string,
    attempts: number,
    final: boolean,
  ): Promise<void> {
    await tx.notification.update({ where: { id }, data: { attempts, status: final ? 'FAILED' : 'PENDING' } });
  }

  /** Opens the dispatcher's transaction (the claim and the status updates commit together). */
  inTransaction<T>(fn: (tx: TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(fn, { timeout: 30_000 });
  }
}
