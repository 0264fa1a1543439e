import { resolve } from 'node:path';
import { defineModule, loadSchemaFiles, type ModuleDefinition } from '@mm/graphql-kit';
import type { EventHandlers } from '@mm/queue';
import type { Job } from 'bullmq';
import type { PaymentsContext } from '../context.ts';
import { cardsResolvers } from './cards/cards.resolvers.ts';
import { CardsService } from './cards/cards.service.ts';
import { AdjustmentsService } from './charges/adjustments.service.ts';
import { CHARGES_ERRORS } from './charges/charges.errors.ts';
import { ChargeEvents } from './charges/charges.events.ts';
import { chargesResolvers } from './charges/charges.resolvers.ts';
import { ChargesService } from './charges/charges.service.ts';
import { ledgerResolvers } from './ledger/ledger.resolvers.ts';
import { LedgerService } from './ledger/ledger.service.ts';
import { payoutsResolvers } from './payouts/payouts.resolvers.ts';
import { PayoutsService } from './payouts/payouts.service.ts';
import { ReconciliationService } from './reconciliation/reconciliation.service.ts';
import { AlertsService } from './shared/alerts.ts';
import { type OpsJob, opsQueueName } from './shared/ops.ts';
import { WebhookProcessor } from './webhooks/webhooks.jobs.ts';
import { registerWebhookRoutes } from './webhooks/webhooks.routes.ts';

/** The payments services, wired once in dependency order; shared by the app, the workers and the seed. */
export function buildPaymentsServices(ctx: PaymentsContext) {
  const ledger = new LedgerService(ctx.prisma);
  const cards = new CardsService(ctx);
  const payouts = new PayoutsService(ctx, ledger);
  const charges = new ChargesService(ctx, ledger, cards, payouts);
  const chargeEvents = new ChargeEvents(ctx);
  const adjustments = new AdjustmentsService(ctx, ledger, cards);
  const alerts = new AlertsService(ctx.prisma);
  const reconciliation = new ReconciliationService(ctx, ledger, charges);
  const webhooks = new WebhookProcessor(ctx, charges, cards, payouts);
  return { ledger, cards, payouts, charges, chargeEvents, adjustments, reconciliation, webhooks, alerts };
}
export type PaymentsServices = ReturnType<typeof buildPaymentsServices>;

/** Booking events: record what must happen and write the Stripe work as jobs, in the consumer's transaction. */
function chargesEventHandlers({ chargeEvents: charges }: PaymentsServices): EventHandlers {
  return {
    'booking.requested': (event, tx) => charges.onRequested(event, tx),
    'booking.confirmed': (event, tx) => charges.onConfirmed(event, tx),
    'booking.authorization_requested': (event, tx) => charges.onAuthorizationRequested(event, tx),
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
}

type Ops<K extends OpsJob['kind']> = Job<Extract<OpsJob, { kind: K }>>;
const schemaOf = (module: string) => loadSchemaFiles(resolve(import.meta.dirname, module));

/**
 * Payments' modules, in dependency order: the app and the workers are derived
 * from this list. Every Stripe call runs as a job on the ops queue; a failure
 * is retried with backoff and repeats its idempotency key, so nothing happens twice.
 */
export function buildPaymentsModules(
  ctx: PaymentsContext,
  s: PaymentsServices = buildPaymentsServices(ctx),
): ModuleDefinition[] {
  return [
    defineModule({
      name: 'ledger',
      schema: schemaOf('ledger'),
      resolvers: ledgerResolvers(s.ledger, s.reconciliation, s.alerts),
      errors: [],
      schedules: [
        {
          name: 'reconcile',
          queue: opsQueueName,
          pattern: '30 5 * * *',
          run: async () => (await s.reconciliation.run()).id,
        },
      ],
    }),
    defineModule({
      name: 'cards',
      schema: schemaOf('cards'),
      resolvers: cardsResolvers(s.cards),
      errors: [],
    }),
    defineModule({
      name: 'payouts',
      dependencies: ['ledger'],
      schema: schemaOf('payouts'),
      resolvers: payoutsResolvers(s.payouts, s.ledger),
      errors: [],
      jobs: {
        [opsQueueName]: { transfer: (job: Ops<'transfer'>) => s.charges.transfer(job.data.bookingId) },
      },
      schedules: [
        { name: 'payouts', queue: opsQueueName, pattern: '0 6 * * *', run: () => s.payouts.runPayouts() },
      ],
    }),
    defineModule({
      name: 'charges',
      dependencies: ['ledger', 'cards', 'payouts'],
      schema: schemaOf('charges'),
      resolvers: chargesResolvers(s.charges, s.adjustments),
      errors: CHARGES_ERRORS,
      handles: chargesEventHandlers(s),
      jobs: {
        [opsQueueName]: {
          hold: (job: Ops<'hold'>) => s.charges.placeHold(job.data.bookingId),
          settle: (job: Ops<'settle'>) => s.charges.settle(job.data.bookingId),
          refund: (job: Ops<'refund'>) => s.adjustments.executeRefund(job.data.refundId),
        },
      },
      schedules: [
        { name: 'due-holds', queue: opsQueueName, every: 60_000, run: () => s.charges.placeDueHolds() },
      ],
    }),
    defineModule({
      name: 'webhooks',
      dependencies: ['charges'],
      errors: [],
      routes: (app) => registerWebhookRoutes(app, ctx),
      jobs: {
        [opsQueueName]: {
          'stripe-event': (job: Ops<'stripe-event'>) => s.webhooks.process(job.data.eventId),
        },
      },
    }),
  ];
}
