import type { PrismaClient } from '@mm/db';
import type { Account } from './ledger.policy.ts';
import { endedBookingsWithBalances } from './ledger.repository.ts';
import { type PaymentState, type SettlementProblem, settlementOf } from './settlement.policy.ts';

export interface Unsettled {
  bookingId: string;
  problems: SettlementProblem[];
}

/** The settlement invariant over every booking that ended: those that break it, with why. */
export async function unsettledBookings(db: PrismaClient): Promise<Unsettled[]> {
  const out: Unsettled[] = [];
  for (const p of await endedBookingsWithBalances(db)) {
    const result = settlementOf({
      settlement: p.settlement,
      status: p.status as PaymentState,
      balances: p.balances as Partial<Record<Account, number>>,
      shareWaivedReason: p.shareWaivedReason,
      pendingRefunds: p.refunds.length,
    });
    if (result.kind === 'UNSETTLED') out.push({ bookingId: p.bookingId, problems: result.problems });
  }
  return out;
}
