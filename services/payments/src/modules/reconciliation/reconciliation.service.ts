import type { BookingPayment, Prisma, ReconciliationRun } from '@mm/db';
import { requireRole, type Viewer } from '@mm/graphql-kit';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import type { ChargesService } from '../charges/charges.service.ts';
import { ledger } from '../ledger/ledger.policy.ts';
import { totalsByKindAndAccount } from '../ledger/ledger.repository.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { unsettledBookings } from '../ledger/settlement.check.ts';
import { raiseAlert } from '../shared/alerts.ts';
import type { Difference } from './reconciliation.policy.ts';
import { StripeSide } from './stripe-side.ts';

export type { Difference } from './reconciliation.policy.ts';

const EXPECTED_STATUS: Record<string, Stripe.PaymentIntent.Status[]> = {
  HELD: ['requires_capture'],
  CAPTURED: ['succeeded'],
  RELEASED: ['canceled'],
  CAPTURE_FAILED: ['canceled'],
};

type Row = BookingPayment & { tips: { paymentIntentId: string | null }[] };

/**
 * Reconciliation both ways: Stripe's objects against our records and ours against
 * Stripe's. Safe differences are repaired (an orphan hold released, an owed transfer
 * sent) and logged as REPAIR ledger entries; every other one is stored in the run's
 * report and raised as an admin alert. Runs on a schedule and on demand.
 */
export class ReconciliationService {
  private readonly stripeSide: StripeSide;

  constructor(
    private readonly ctx: PaymentsContext,
    private readonly ledgerService: LedgerService,
    private readonly charges: ChargesService,
  ) {
    this.stripeSide = new StripeSide(ctx, ledgerService);
  }

  async run(): Promise<ReconciliationRun> {
    const startedAt = this.ctx.now();
    const differences: Difference[] = [];
    for (const reference of await this.ledgerService.unbalancedTransactions()) {
      differences.push(mismatch(null, 'BALANCED', null, null, `${reference} does not balance`));
    }
    differences.push(...(await this.stripeSide.intents()));
    differences.push(...(await this.stripeSide.transfers()));
    differences.push(...(await this.stripeSide.applicationFees()));
    const payments: Row[] = await this.ctx.prisma.bookingPayment.findMany({
      where: { paymentIntentId: { not: null } },
      include: { tips: true },
    });
    for (const p of payments) differences.push(...(await this.compare(p)));
    differences.push(...(await this.owedTransfers()));
    // After the repairs: what still does not settle.
    for (const u of await unsettledBookings(this.ctx.prisma)) {
      differences.push({
        ...mismatch(u.bookingId, 'SETTLEMENT', null, null, u.problems.join(', ')),
        kind: 'UNSETTLED',
      });
    }
    await this.alert(differences.filter((d) => !d.repaired));
    return this.ctx.prisma.reconciliationRun.create({
      data: {
        startedAt,
        finishedAt: this.ctx.now(),
        checked: payments.length,
        differences: differences as unknown as Prisma.InputJsonValue,
      },
    });
  }

  /** Us → Stripe: one booking's PaymentIntent, charges, refunds and transfers against our ledger. */
  private async compare(p: Row): Promise<Difference[]> {
    const out: Difference[] = [];
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.ctx.stripe.paymentIntents.retrieve(p.paymentIntentId as string);
    } catch (err) {
      if ((err as { code?: string }).code !== 'resource_missing') throw err;
      const d = mismatch(p.bookingId, 'PAYMENT_INTENT', null, null, `Stripe has no ${p.paymentIntentId}`);
      return [{ ...d, kind: 'UNKNOWN_OBJECT', stripeId: p.paymentIntentId }];
    }
    const expected = EXPECTED_STATUS[p.status];
    // An orphan hold or a capture of a cancelled booking is found (and named) from Stripe's side.
    const namedThere = intent.status === 'requires_capture' || intent.status === 'succeeded';
    if (
      expected &&
      !expected.includes(intent.status) &&
      !(namedThere && p.status !== 'HELD' && p.status !== 'CAPTURED')
    )
      out.push(mismatch(p.bookingId, 'STATUS', null, null, `ours ${p.status}, Stripe ${intent.status}`));
    const sums = await this.sumsByKind(p.bookingId);
    const atStripe = await this.stripeSums(p, intent);
    const check = (name: string, ours: number, theirs: number) => {
      if (ours !== theirs)
        out.push(mismatch(p.bookingId, name, ours, theirs, `${name.toLowerCase()} differs`));
    };
    check('CAPTURED', sums.captured, atStripe.captured);
    check('REFUNDED', sums.refunded, atStripe.refunded);
    check('TRANSFERRED', sums.transferred, atStripe.transferred);
    return out;
  }

  private async stripeSums(p: Row, intent: Stripe.PaymentIntent) {
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
    return { captured, refunded, transferred };
  }

  /** Captured shares not transferred to an onboarded therapist: sent now (the transfer is keyed). */
  private async owedTransfers(): Promise<Difference[]> {
    const owed = await this.ctx.prisma.$queryRaw<{ booking_id: string; owed: number; currency: string }[]>`
      SELECT b.booking_id, (b.therapist_amount - b.transferred_amount)::int AS owed, b.currency
      FROM payments.booking_payments b JOIN payments.payout_accounts a ON a.therapist_id = b.therapist_id
      WHERE b.status = 'CAPTURED' AND b.therapist_amount > b.transferred_amount
        AND a.payouts_enabled AND a.transfers_active`;
    const out: Difference[] = [];
    for (const o of owed) {
      await this.charges.transfer(o.booking_id);
      const after = await this.ctx.prisma.bookingPayment.findUniqueOrThrow({
        where: { bookingId: o.booking_id },
      });
      const repaired = after.transferredAmount >= after.therapistAmount;
      if (repaired) {
        await this.ledgerService.record(
          this.ctx.prisma,
          ledger.repair(
            { bookingId: o.booking_id, therapistId: after.therapistId, currency: o.currency },
            `repair-transfer-${o.booking_id}-${after.transferredAmount}`,
            `Reconciliation sent the owed transfer of ${o.owed}`,
            'therapist.payable',
            o.owed,
            after.transferId ?? 'transfer',
          ),
          this.ctx.now(),
        );
      }
      out.push({
        ...mismatch(o.booking_id, 'SHARE', o.owed, 0, `${o.owed} owed to the therapist, not transferred`),
        kind: 'SHARE_OWED_NOT_TRANSFERRED',
        repaired,
      });
    }
    return out;
  }

  /** What reconciliation could not repair goes to admins, once per difference. */
  private async alert(open: Difference[]): Promise<void> {
    for (const d of open) {
      await raiseAlert(this.ctx.prisma, {
        bookingId: d.bookingId,
        kind: 'RECONCILIATION',
        message: `${d.kind} (${d.check}): ${d.detail}`,
        stripeId: d.stripeId,
        dedupeKey: `reconciliation-${d.kind}-${d.check}-${d.bookingId ?? '-'}-${d.stripeId ?? '-'}-${d.ledger}-${d.stripe}`,
      });
    }
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

function mismatch(
  bookingId: string | null,
  check: string,
  ours: number | null,
  theirs: number | null,
  detail: string,
): Difference {
  return {
    kind: 'AMOUNT_MISMATCH',
    check,
    bookingId,
    stripeId: null,
    ledger: ours,
    stripe: theirs,
    detail,
    repaired: false,
  };
}
