import type { EventHandlers } from '@mm/queue';
import type { Job } from 'bullmq';
import type { PaymentsContext } from '../context.ts';
import { cardsResolvers } from './cards/cards.resolvers.ts';
import { CardsService } from './cards/cards.service.ts';
import { chargesResolvers } from './charges/charges.resolvers.ts';
import { ChargesService } from './charges/charges.service.ts';
import { ledgerResolvers } from './ledger/ledger.resolvers.ts';
import { LedgerService } from './ledger/ledger.service.ts';
import { payoutsResolvers } from './payouts/payouts.resolvers.ts';
import { PayoutsService } from './payouts/payouts.service.ts';
import { ReconciliationService } from './reconciliation/reconciliation.service.ts';
import type { OpsJob } from './shared/ops.ts';
import { WebhookProcessor } from './webhooks/webhooks.jobs.ts';

/** The payments modules, wired once in dependency order; shared by the app and the workers. */
export function buildPaymentsModules(ctx: PaymentsContext) {
  const ledger = new LedgerService(ctx.prisma);
  const cards = new CardsService(ctx);
  const payouts = new PayoutsService(ctx, ledger);
  const charges = new ChargesService(ctx, ledger, cards, payouts);
  const reconciliation = new ReconciliationService(ctx, ledger);
  const webhooks = new WebhookProcessor(ctx, charges, cards, payouts);

  /** Booking events: record what must happen (inside the consumer transaction) and queue the Stripe work. */
  const eventHandlers: EventHandlers = {
    'booking.requested': (event, tx) => charges.onRequested(event, tx),
    'booking.confirmed': (event, tx) => charges.onConfirmed(event, tx),
    'booking.completed': (event, tx) =>
      charges.onEnded(tx, event.payload.bookingId, {
        kind: 'FULL',
        therapistId: event.payload.therapistId,
        completedAt: new Date(event.payload.completedAt),
      }),
    'booking.cancelled': (event, tx) =>
      charges.onEnded(tx, event.payload.bookingId, charges.cancellationSettlement(event.payload)),
    'booking.no_show': (event, tx) =>
      charges.onEnded(tx, event.payload.bookingId, {
        kind: 'FEE',
        fee: event.payload.fee.amount,
        therapistShare: event.payload.therapistShare.amount,
        therapistId: event.payload.therapistId,
      }),
    // Nothing is ever charged for a REFER (or DEFER), nor for a booking no one took.
    'booking.blocked': (event, tx) => charges.onEnded(tx, event.payload.bookingId, { kind: 'RELEASE' }),
    'booking.expired': (event, tx) => charges.onEnded(tx, event.payload.bookingId, { kind: 'RELEASE' }),
  };

  async function processOps(job: Job<OpsJob>): Promise<unknown> {
    const data = job.data;
    switch (data.kind) {
      case 'hold':
        return charges.placeHold(data.bookingId);
      case 'settle':
        return charges.settle(data.bookingId);
      case 'transfer':
        return charges.transfer(data.bookingId);
      case 'refund':
        return charges.executeRefund(data.refundId);
      case 'stripe-event':
        return webhooks.process(data.eventId);
      case 'due-holds':
        return charges.placeDueHolds();
      case 'payouts':
        return payouts.runPayouts();
      case 'reconcile':
        return (await reconciliation.run()).id;
    }
  }

  const resolvers = [
    cardsResolvers(cards),
    chargesResolvers(charges, ctx.prisma),
    payoutsResolvers(payouts, ledger),
    ledgerResolvers(ledger, reconciliation),
  ];

  return { ledger, cards, payouts, charges, reconciliation, webhooks, eventHandlers, processOps, resolvers };
}

export type PaymentsModules = ReturnType<typeof buildPaymentsModules>;
