import type { PrismaClient } from '@mm/db';

/** References of ledger transactions whose postings do not sum to zero per currency. */
export async function unbalancedReferences(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ reference: string }[]>`
    SELECT t.reference FROM payments.ledger_transactions t
    JOIN payments.ledger_postings p ON p.transaction_id = t.id
    GROUP BY t.reference, p.currency HAVING SUM(p.amount) <> 0`;
  return rows.map((r) => r.reference);
}

/** A booking's posting totals by transaction kind and account. */
export async function totalsByKindAndAccount(
  db: PrismaClient,
  bookingId: string,
): Promise<{ kind: string; account: string; total: number }[]> {
  const rows = await db.$queryRaw<{ kind: string; account: string; total: bigint }[]>`
    SELECT t.kind, p.account, SUM(p.amount)::bigint AS total
    FROM payments.ledger_transactions t JOIN payments.ledger_postings p ON p.transaction_id = t.id
    WHERE t.booking_id = ${bookingId}::uuid GROUP BY t.kind, p.account`;
  return rows.map((r) => ({ kind: r.kind, account: r.account, total: Number(r.total) }));
}

/** Every ended booking's payment facts and posting totals per account (the settlement check's input). */
export async function endedBookingsWithBalances(db: PrismaClient) {
  const payments = await db.bookingPayment.findMany({
    where: { settlement: { not: null } },
    select: {
      bookingId: true,
      settlement: true,
      status: true,
      shareWaivedReason: true,
      refunds: { where: { status: 'PENDING' }, select: { id: true } },
    },
  });
  const totals = await db.$queryRaw<{ booking_id: string; account: string; total: bigint }[]>`
    SELECT p.booking_id, p.account, SUM(p.amount)::bigint AS total
    FROM payments.ledger_postings p JOIN payments.booking_payments b ON b.booking_id = p.booking_id
    WHERE b.settlement IS NOT NULL GROUP BY p.booking_id, p.account`;
  const balances = new Map<string, Record<string, number>>();
  for (const t of totals) {
    const row = balances.get(t.booking_id) ?? {};
    row[t.account] = Number(t.total);
    balances.set(t.booking_id, row);
  }
  return payments.map((p) => ({ ...p, balances: balances.get(p.bookingId) ?? {} }));
}
