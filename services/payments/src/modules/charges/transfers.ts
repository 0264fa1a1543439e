import type { BookingPayment } from '@mm/db';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import { ledger } from '../ledger/ledger.policy.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { PayoutsService } from '../payouts/payouts.service.ts';
import { minorCurrency } from '../shared/stripe.ts';

export const transferGroup = (bookingId: string) => `booking_${bookingId}`;
const scopeOf = (p: BookingPayment) => ({
  bookingId: p.bookingId,
  therapistId: p.therapistId,
  currency: p.currency,
});

/** Transfers to the therapist's connected account: what a captured booking owes them. */
export class Transfers {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly ledgerService: LedgerService,
    private readonly payouts: PayoutsService,
  ) {}

  /**
   * Pays the therapist what this booking owes them. Stripe's transfers for the
   * booking's transfer_group are read first and recorded if missing, so a
   * transfer whose answer was lost is never made twice; the idempotency key
   * is derived from what has been transferred so far.
   */
  async pay(bookingId: string): Promise<void> {
    const row = await this.ctx.prisma.bookingPayment.findUnique({ where: { bookingId } });
    if (row?.status !== 'CAPTURED' || !row.therapistId) return;
    const transfers = await this.ctx.stripe.transfers.list({
      transfer_group: transferGroup(bookingId),
      limit: 100,
    });
    const done = transfers.data.reduce((s, t) => s + t.amount, 0);
    for (const t of [...transfers.data].reverse()) await this.recordTransfer(row, t);
    const owed = row.therapistAmount - done;
    if (owed <= 0) return;
    const account = await this.payouts.accountOf(row.therapistId);
    // Not onboarded yet: the amount stays owed and goes out when payouts are enabled.
    if (!account?.payoutsEnabled || !account.transfersActive) return;
    const transfer = await this.ctx.stripe.transfers.create(
      {
        amount: owed,
        currency: minorCurrency(row.currency),
        destination: account.stripeAccountId,
        transfer_group: transferGroup(bookingId),
        ...(row.chargeId && owed <= row.capturedAmount ? { source_transaction: row.chargeId } : {}),
        metadata: { booking_id: bookingId, therapist_id: row.therapistId },
      },
      { idempotencyKey: `transfer-${bookingId}-${done}` },
    );
    await this.recordTransfer(row, transfer);
  }

  private async recordTransfer(row: BookingPayment, transfer: Stripe.Transfer): Promise<void> {
    await this.ctx.prisma.$transaction(async (tx) => {
      const recorded = await this.ledgerService.record(
        tx,
        ledger.transfer(scopeOf(row), `transfer-${transfer.id}`, transfer.amount, transfer.id),
        this.ctx.now(),
      );
      if (!recorded) return;
      await tx.bookingPayment.update({
        where: { bookingId: row.bookingId },
        data: {
          transferredAmount: { increment: transfer.amount },
          transferId: row.transferId ?? transfer.id,
        },
      });
    });
  }
}
