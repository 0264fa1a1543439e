import { randomUUID } from 'node:crypto';
import type { PrismaClient, TransactionClient } from '@mm/db';
import type { Account, LedgerEntry } from './ledger.policy.ts';
import { unbalancedReferences } from './ledger.repository.ts';

type Db = PrismaClient | TransactionClient;

export interface AccountBalance {
  account: Account;
  amount: number;
  currency: string;
}

/** Writes and reads the double-entry ledger. Recording is idempotent by reference. */
export class LedgerService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records a balanced entry once; returns false when its reference was already recorded. */
  async record(db: Db, e: LedgerEntry, occurredAt: Date): Promise<boolean> {
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

  private async balances(where: {
    bookingId?: string;
    therapistId?: string;
    account?: { startsWith: string };
  }) {
    const rows = await this.prisma.ledgerPosting.groupBy({
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

  forBooking(bookingId: string): Promise<AccountBalance[]> {
    return this.balances({ bookingId });
  }

  forTherapist(therapistId: string): Promise<AccountBalance[]> {
    return this.balances({ therapistId, account: { startsWith: 'therapist.' } });
  }

  forPlatform(): Promise<AccountBalance[]> {
    return this.balances({ account: { startsWith: 'platform.' } });
  }

  async transactionsOf(bookingId: string) {
    return this.prisma.ledgerTransaction.findMany({
      where: { bookingId },
      include: { postings: true },
      orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }],
    });
  }

  /** Ledger transactions whose postings do not sum to zero (should always be empty). */
  async unbalancedTransactions(): Promise<string[]> {
    return unbalancedReferences(this.prisma);
  }
}

/** Sum of one account in a list of balances. */
export const balanceOf = (balances: AccountBalance[], account: Account): number =>
  balances.filter((b) => b.account === account).reduce((s, b) => s + b.amount, 0);
