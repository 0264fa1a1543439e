import type { Prisma, TransactionClient } from '@mm/db';

export interface NewNotification {
  userId: string;
  template: string;
  payload: Record<string, unknown>;
  /** Same key, same message: a second enqueue is a no-op (e.g. `welcome-<userId>`). */
  dedupeKey: string;
  channel?: 'EMAIL' | 'SMS' | 'PUSH';
}

/** Enqueues a message in the notifications outbox; returns false when the key was already used. */
export async function queueNotification(tx: TransactionClient, n: NewNotification): Promise<boolean> {
  const created = await tx.notification.createMany({
    data: [
      {
        userId: n.userId,
        template: n.template,
        payload: n.payload as Prisma.InputJsonValue,
        dedupeKey: n.dedupeKey,
        channel: n.channel ?? 'EMAIL',
      },
    ],
    skipDuplicates: true,
  });
  return created.count === 1;
}
