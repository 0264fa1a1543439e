import type { PrismaClient, TransactionClient } from '@mm/db';
import type { Account, LedgerEntry } from './ledger.policy.ts';
import {
  type BalanceScope,
  balancesBy,
  insertEntry,
  transactionsOf,
  unbalancedReferences,
} from './ledger.repository.ts';

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
  record(db: Db, e: LedgerEntry, occurredAt: Date): Promise<boolean> {
    return insertEntry(db, e, occurredAt);
  }

  private balances(where: BalanceScope) {
    return balancesBy(this.prisma, where);
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
    return transactionsOf(this.prisma, bookingId);
  }

  /** Ledger transactions whose postings do not sum to zero (should always be empty). */
  async unbalancedTransactions(): Promise<string[]> {
    return unbalancedReferences(this.prisma);
  }
}

/** Sum of one account in a list of balances. */
export const balanceOf = (balances: AccountBalance[], account: Account): number =>
  balances.filter((b) => b.account === account).reduce((s, b) => s + b.amount, 0);
