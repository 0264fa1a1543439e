import type { Prisma, TransactionClient } from '@mm/db';
import { DomainError } from '@mm/graphql-kit';

export interface NewNotification {
  userId: string;
  template: string;
  payload: Record<string, unknown>;
  /** Same key, same message: a second enqueue is a no-op (e.g. `welcome-<userId>`). */
  dedupeKey: string;
  /** Only email has a transport; SMS and push are refused rather than stored and never sent. */
  channel?: 'EMAIL';
}

/** Enqueues a message in the notifications outbox; returns false when the key was already used. */
export async function queueNotification(tx: TransactionClient, n: NewNotification): Promise<boolean> {
  const channel: string = n.channel ?? 'EMAIL';
  if (channel !== 'EMAIL') {
    throw new DomainError('NOTIFICATION_CHANNEL_UNSUPPORTED', undefined, { channel });
  }
  const created = await tx.notification.createMany({
    data: [
      {
        userId: n.userId,
        template: n.template,
        payload: n.payload as Prisma.InputJsonValue,
        dedupeKey: n.dedupeKey,
        channel,
      },
    ],
    skipDuplicates: true,
  });
  return created.count === 1;
}
