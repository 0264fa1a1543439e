import type { PrismaClient, TransactionClient } from '@mm/db';

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
