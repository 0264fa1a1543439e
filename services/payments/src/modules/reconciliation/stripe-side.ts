import type { PaymentsContext } from '../../context.ts';
import { ledger } from '../ledger/ledger.policy.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { classifyIntent, type Difference } from './reconciliation.policy.ts';

/** Bounded scans: at most this many objects of a kind are read per run. */
const MAX_OBJECTS = 20_000;

const diff = (d: Omit<Difference, 'ledger' | 'stripe' | 'repaired'> & Partial<Difference>): Difference => ({
  ledger: null,
  stripe: null,
  repaired: false,
  ...d,
});

/** Stripe → us: every PaymentIntent, Transfer and application fee at Stripe against our records. */
export class StripeSide {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly ledgerService: LedgerService,
  ) {}

  async intents(): Promise<Difference[]> {
    const payments = await this.ctx.prisma.bookingPayment.findMany({
      select: { bookingId: true, status: true, paymentIntentId: true, currency: true, tips: true },
    });
    const byBooking = new Map(payments.map((p) => [p.bookingId, p]));
    const out: Difference[] = [];
    let n = 0;
    for await (const pi of this.ctx.stripe.paymentIntents.list({ limit: 100 })) {
      if (++n > MAX_OBJECTS) break;
      const bookingId = pi.metadata?.booking_id ?? null;
      const row = bookingId ? byBooking.get(bookingId) : undefined;
      const ours = row
        ? {
            status: row.status,
            paymentIntentId: row.paymentIntentId,
            tipIntentIds: row.tips.flatMap((t) => (t.paymentIntentId ? [t.paymentIntentId] : [])),
          }
        : null;
      const kind = classifyIntent({ id: pi.id, status: pi.status, bookingId }, ours);
      if (!kind) continue;
      const d = diff({
        kind,
        check: 'PAYMENT_INTENT',
        bookingId: row ? (bookingId as string) : null,
        stripeId: pi.id,
        stripe: pi.status === 'succeeded' ? pi.amount_received : pi.amount,
        detail: `PaymentIntent ${pi.id} is ${pi.status} at Stripe; ours ${row?.status ?? 'unknown'}`,
      });
      if (kind === 'ORPHAN_HOLD' && row)
        d.repaired = await this.releaseOrphan(pi.id, row.bookingId, row.currency, pi.amount);
      out.push(d);
    }
    return out;
  }

  private async releaseOrphan(piId: string, bookingId: string, currency: string, amount: number) {
    await this.ctx.stripe.paymentIntents.cancel(
      piId,
      { cancellation_reason: 'abandoned' },
      { idempotencyKey: `release-orphan-${piId}` },
    );
    await this.ledgerService.record(
      this.ctx.prisma,
      ledger.repair(
        { bookingId, therapistId: null, currency },
        `repair-orphan-${piId}`,
        `Reconciliation released orphan hold ${piId}`,
        'hold.authorized',
        amount,
        piId,
      ),
      this.ctx.now(),
    );
    return true;
  }

  /** Transfers at Stripe whose booking we do not know. */
  async transfers(): Promise<Difference[]> {
    const known = new Set(
      (await this.ctx.prisma.bookingPayment.findMany({ select: { bookingId: true } })).map(
        (p) => p.bookingId,
      ),
    );
    const out: Difference[] = [];
    let n = 0;
    for await (const t of this.ctx.stripe.transfers.list({ limit: 100 })) {
      if (++n > MAX_OBJECTS) break;
      const bookingId = t.transfer_group?.startsWith('booking_') ? t.transfer_group.slice(8) : null;
      if (bookingId && known.has(bookingId)) continue;
      out.push(
        diff({
          kind: 'UNKNOWN_OBJECT',
          check: 'TRANSFER',
          bookingId: null,
          stripeId: t.id,
          stripe: t.amount,
          detail: `Transfer ${t.id} (${t.transfer_group ?? 'no group'}) matches no booking of ours`,
        }),
      );
    }
    return out;
  }

  /** We charge separately and transfer (no application fees): any fee at Stripe is unknown to us. */
  async applicationFees(): Promise<Difference[]> {
    const out: Difference[] = [];
    let n = 0;
    for await (const fee of this.ctx.stripe.applicationFees.list({ limit: 100 })) {
      if (++n > MAX_OBJECTS) break;
      out.push(
        diff({
          kind: 'UNKNOWN_OBJECT',
          check: 'APPLICATION_FEE',
          bookingId: null,
          stripeId: fee.id,
          stripe: fee.amount,
          detail: `Application fee ${fee.id}: the platform takes none`,
        }),
      );
    }
    return out;
  }
}
