import type { PrismaClient, TransactionClient } from '@mm/db';
import { fromGlobalId, requireRole, type Viewer } from '@mm/graphql-kit';
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

  // ── admin reads (authorization here, so every entry point is covered) ──

  /** A booking's balances and entries, for admins; `bookingId` is the client's global id. */
  async bookingLedgerFor(viewer: Viewer | null, bookingId: string) {
    requireRole(viewer, 'ADMIN');
    const id = fromGlobalId('Booking', bookingId, 'bookingId');
    const balances = await this.forBooking(id);
    const entries = await this.transactionsOf(id);
    return { balances, entries };
  }

  platformFor(viewer: Viewer | null): Promise<AccountBalance[]> {
    requireRole(viewer, 'ADMIN');
    return this.forPlatform();
  }

  /** A therapist's balances, for admins; `therapistId` is the client's global id. */
  therapistFor(viewer: Viewer | null, therapistId: string): Promise<AccountBalance[]> {
    requireRole(viewer, 'ADMIN');
    return this.forTherapist(fromGlobalId('User', therapistId, 'therapistId'));
  }

  /** Ledger transactions whose postings do not sum to zero (should always be empty). */
  async unbalancedTransactions(): Promise<string[]> {
    return unbalancedReferences(this.prisma);
  }
}

/** Sum of one account in a list of balances. */
export const balanceOf = (balances: AccountBalance[], account: Account): number =>
  balances.filter((b) => b.account === account).reduce((s, b) => s + b.amount, 0);
