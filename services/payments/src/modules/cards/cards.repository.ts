import type { PrismaClient, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** A client's Stripe Customer row, or null. */
export function customerOf(db: Db, userId: string) {
  return db.paymentCustomer.findUnique({ where: { userId } });
}

/** A client's Stripe Customer row; throws when there is none. */
export function getCustomer(db: Db, userId: string) {
  return db.paymentCustomer.findUniqueOrThrow({ where: { userId } });
}

/** Records the client's Stripe Customer once (a concurrent first write wins). */
export async function insertCustomer(db: Db, userId: string, stripeCustomerId: string): Promise<void> {
  await db.paymentCustomer.createMany({ data: [{ userId, stripeCustomerId }], skipDuplicates: true });
}

/** Sets the customer's default card. */
export async function setDefaultCard(
  db: Db,
  stripeCustomerId: string,
  defaultPaymentMethodId: string | null,
): Promise<void> {
  await db.paymentCustomer.updateMany({ where: { stripeCustomerId }, data: { defaultPaymentMethodId } });
}
