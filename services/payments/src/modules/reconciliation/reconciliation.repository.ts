import type { Prisma, PrismaClient } from '@mm/db';

/** Payments that reached Stripe, with their tips (us → Stripe). */
export function paymentsWithIntents(db: PrismaClient) {
  return db.bookingPayment.findMany({ where: { paymentIntentId: { not: null } }, include: { tips: true } });
}

/** Every payment's ids and status, with its tips (Stripe → us). */
export function paymentIndex(db: PrismaClient) {
  return db.bookingPayment.findMany({
    select: { bookingId: true, status: true, paymentIntentId: true, currency: true, tips: true },
  });
}

/** Every booking id we hold a payment for. */
export async function knownBookingIds(db: PrismaClient): Promise<Set<string>> {
  const rows = await db.bookingPayment.findMany({ select: { bookingId: true } });
  return new Set(rows.map((p) => p.bookingId));
}

/** Captured shares not fully transferred, for therapists who can receive transfers now. */
export function sharesOwedToOnboarded(db: PrismaClient) {
  return db.$queryRaw<{ booking_id: string; owed: number; currency: string }[]>`
    SELECT b.booking_id, (b.therapist_amount - b.transferred_amount)::int AS owed, b.currency
    FROM payments.booking_payments b JOIN payments.payout_accounts a ON a.therapist_id = b.therapist_id
    WHERE b.status = 'CAPTURED' AND b.therapist_amount > b.transferred_amount
      AND a.payouts_enabled AND a.transfers_active`;
}

export function insertRun(db: PrismaClient, data: Prisma.ReconciliationRunCreateInput) {
  return db.reconciliationRun.create({ data });
}

/** The newest reconciliation run, or null. */
export function latestRun(db: PrismaClient) {
  return db.reconciliationRun.findFirst({ orderBy: { startedAt: 'desc' } });
}
