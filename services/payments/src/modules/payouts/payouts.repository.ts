import type { PayoutAccount, PrismaClient, TransactionClient } from '@mm/db';

/** Locks a payout account row by its Stripe id; false when it does not exist. */
export async function lockPayoutAccount(tx: TransactionClient, stripeAccountId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ therapist_id: string }[]>`
    SELECT therapist_id FROM payments.payout_accounts WHERE stripe_account_id = ${stripeAccountId} FOR UPDATE`;
  return locked.length > 0;
}

/** Captured bookings of a therapist whose share is not fully transferred yet. */
export async function bookingsOwedTransfer(
  db: PrismaClient | TransactionClient,
  therapistId: string,
): Promise<string[]> {
  const owed = await db.$queryRaw<{ booking_id: string }[]>`
    SELECT booking_id FROM payments.booking_payments
    WHERE therapist_id = ${therapistId}::uuid AND status = 'CAPTURED' AND therapist_amount > transferred_amount`;
  return owed.map((r) => r.booking_id);
}

type Db = PrismaClient | TransactionClient;
type Flags = Pick<
  PayoutAccount,
  'detailsSubmitted' | 'chargesEnabled' | 'payoutsEnabled' | 'transfersActive'
>;

/** A therapist's payout account, or null. */
export function accountOfTherapist(db: Db, therapistId: string) {
  return db.payoutAccount.findUnique({ where: { therapistId } });
}

/** A therapist's payout account; throws when there is none. */
export function getAccountOfTherapist(db: Db, therapistId: string) {
  return db.payoutAccount.findUniqueOrThrow({ where: { therapistId } });
}

/** A payout account by its Stripe id, or null. */
export function accountByStripeId(db: Db, stripeAccountId: string) {
  return db.payoutAccount.findUnique({ where: { stripeAccountId } });
}

/** A payout account by its Stripe id; throws when there is none. */
export function getAccountByStripeId(db: Db, stripeAccountId: string) {
  return db.payoutAccount.findUniqueOrThrow({ where: { stripeAccountId } });
}

/** Records the therapist's Express account once (a concurrent first write wins). */
export async function insertAccount(db: Db, therapistId: string, stripeAccountId: string): Promise<void> {
  await db.payoutAccount.createMany({ data: [{ therapistId, stripeAccountId }], skipDuplicates: true });
}

/** Stores the account's flags as Stripe reports them. */
export async function updateAccountFlags(db: Db, stripeAccountId: string, flags: Flags): Promise<void> {
  await db.payoutAccount.update({ where: { stripeAccountId }, data: flags });
}

/** Accounts that can be paid out. */
export function payableAccounts(db: Db) {
  return db.payoutAccount.findMany({ where: { payoutsEnabled: true } });
}
