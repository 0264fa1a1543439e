import type { Prisma, ReconciliationRun } from '@mm/db';
import { requireRole, type Viewer } from '@mm/graphql-kit';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import { totalsByKindAndAccount } from '../ledger/ledger.repository.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { unsettledBookings } from '../ledger/settlement.check.ts';

export interface Difference {
  bookingId: string | null;
  check: string;
  ledger: number | null;
  stripe: number | null;
  detail: string;
}

const EXPECTED_STATUS: Record<string, Stripe.PaymentIntent.Status[]> = {
  HELD: ['requires_capture'],
  CAPTURED: ['succeeded'],
  RELEASED: ['canceled'],
  CAPTURE_FAILED: ['requires_capture', 'canceled'],
};

/** Compares the ledger with Stripe's objects and stores what differs. */
export class ReconciliationService {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly ledgerService: LedgerService,
  ) {}

  async run(): Promise<ReconciliationRun> {
    const startedAt = this.ctx.now();
    const differences: Difference[] = [];
    for (const reference of await this.ledgerService.unbalancedTransactions()) {
      differences.push({
        bookingId: null,
        check: 'BALANCED',
        ledger: null,
        stripe: null,
        detail: `${reference} does not balance`,
      });
    }
    // Every booking that ended settles: balanced, allocated, hold closed, shares paid or waived.
    for (const u of await unsettledBookings(this.ctx.prisma)) {
      differences.push({
        bookingId: u.bookingId,
        check: 'UNSETTLED',
        ledger: null,
        stripe: null,
        detail: u.problems.join(', '),
      });
    }
    const payments = await this.ctx.prisma.bookingPayment.findMany({
      where: { paymentIntentId: { not: null } },
      include: { tips: true },
    });
    for (const p of payments) {
      const sums = await this.sumsByKind(p.bookingId);
      const intent = await this.ctx.stripe.paymentIntents.retrieve(p.paymentIntentId as string);
      const expected = EXPECTED_STATUS[p.status];
      if (expected && !expected.includes(intent.status)) {
        differences.push({
          bookingId: p.bookingId,
          check: 'STATUS',
          ledger: null,
          stripe: null,
          detail: `ours ${p.status}, Stripe ${intent.status}`,
        });
      }
      const intents = [intent];
      for (const t of p.tips)
        if (t.paymentIntentId) intents.push(await this.ctx.stripe.paymentIntents.retrieve(t.paymentIntentId));
      let captured = 0;
      let refunded = 0;
      for (const pi of intents) {
        if (!pi.latest_charge) continue;
        const charge = await this.ctx.stripe.charges.retrieve(
          typeof pi.latest_charge === 'string' ? pi.latest_charge : pi.latest_charge.id,
        );
        if (!charge.captured) continue;
        captured += charge.amount_captured;
        refunded += charge.amount_refunded;
      }
      const transfers = await this.ctx.stripe.transfers.list({
        transfer_group: `booking_${p.bookingId}`,
        limit: 100,
      });
      const transferred = transfers.data.reduce((s, t) => s + t.amount - t.amount_reversed, 0);
      const compare = (check: string, ours: number, theirs: number) => {
        if (ours !== theirs)
          differences.push({
            bookingId: p.bookingId,
            check,
            ledger: ours,
            stripe: theirs,
            detail: `${check.toLowerCase()} differs`,
          });
      };
      compare('CAPTURED', sums.captured, captured);
      compare('REFUNDED', sums.refunded, refunded);
      compare('TRANSFERRED', sums.transferred, transferred);
    }
    return this.ctx.prisma.reconciliationRun.create({
      data: {
        startedAt,
        finishedAt: this.ctx.now(),
        checked: payments.length,
        differences: differences as unknown as Prisma.InputJsonValue,
      },
    });
  }

  /** Captured, refunded and net transferred amounts for a booking, from the ledger. */
  private async sumsByKind(bookingId: string) {
    const rows = await totalsByKindAndAccount(this.ctx.prisma, bookingId);
    const get = (kind: string, account: string) =>
      rows.find((r) => r.kind === kind && r.account === account)?.total ?? 0;
    return {
      captured: get('CAPTURE', 'platform.cash'),
      // Refund postings: cash out is (refund − reversal); add the reversal back.
      refunded: -(get('REFUND', 'platform.cash') + get('REFUND', 'therapist.connected')),
      transferred: get('TRANSFER', 'therapist.connected') + get('REFUND', 'therapist.connected'),
    };
  }

  async latest(viewer: Viewer | null): Promise<ReconciliationRun | null> {
    requireRole(viewer, 'ADMIN');
    return this.ctx.prisma.reconciliationRun.findFirst({ orderBy: { startedAt: 'desc' } });
  }
}
