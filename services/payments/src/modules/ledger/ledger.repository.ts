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
