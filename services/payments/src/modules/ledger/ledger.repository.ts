import { randomUUID } from 'node:crypto';
import type { PrismaClient, TransactionClient } from '@mm/db';
import type { Account, LedgerEntry } from './ledger.policy.ts';

type Db = PrismaClient | TransactionClient;

/** Writes a balanced entry once by its reference; false when the reference was already recorded. */
export async function insertEntry(db: Db, e: LedgerEntry, occurredAt: Date): Promise<boolean> {
  if (e.postings.length === 0) return false;
  const id = randomUUID();
  const { count } = await db.ledgerTransaction.createMany({
    data: [
      {
        id,
        reference: e.reference,
        kind: e.kind,
        bookingId: e.bookingId,
        therapistId: e.therapistId,
        stripeId: e.stripeId,
        description: e.description,
        occurredAt,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  await db.ledgerPosting.createMany({
    data: e.postings.map((p) => ({
      transactionId: id,
      account: p.account,
      amount: p.amount,
      currency: e.currency,
      bookingId: e.bookingId,
      therapistId: e.therapistId,
    })),
  });
  return true;
}

export interface BalanceScope {
  bookingId?: string;
  therapistId?: string;
  account?: { startsWith: string };
}

/** Posting sums per account and currency within a scope. */
export async function balancesBy(db: PrismaClient, where: BalanceScope) {
  const rows = await db.ledgerPosting.groupBy({
    by: ['account', 'currency'],
    where,
    _sum: { amount: true },
    orderBy: { account: 'asc' },
  });
  return rows.map((r) => ({
    account: r.account as Account,
    currency: r.currency,
    amount: r._sum.amount ?? 0,
  }));
}

/** A booking's ledger transactions with their postings, in the order they happened. */
export function transactionsOf(db: PrismaClient, bookingId: string) {
  return db.ledgerTransaction.findMany({
    where: { bookingId },
    include: { postings: true },
    orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }],
  });
}

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
