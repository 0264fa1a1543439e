import type { PrismaClient, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;

export interface NewWebhookEvent {
  id: string;
  type: string;
  account: string | null;
  objectId: string | null;
}

/** Records a Stripe event once by its id; false when it was recorded before (a redelivery). */
export async function recordWebhookEvent(db: Db, event: NewWebhookEvent): Promise<boolean> {
  const created = await db.stripeWebhookEvent.createMany({ data: [event], skipDuplicates: true });
  return created.count === 1;
}

/** A recorded Stripe event, or null. */
export function webhookEvent(db: Db, id: string) {
  return db.stripeWebhookEvent.findUnique({ where: { id } });
}

export async function markWebhookProcessed(db: Db, id: string, processedAt: Date): Promise<void> {
  await db.stripeWebhookEvent.update({ where: { id }, data: { processedAt } });
}
