import type { PaymentsContext } from '../../context.ts';
import type { CardsService } from '../cards/cards.service.ts';
import type { ChargesService } from '../charges/charges.service.ts';
import type { PayoutsService } from '../payouts/payouts.service.ts';
import { markWebhookProcessed, webhookEvent } from './webhooks.repository.ts';

/**
 * Handles one recorded Stripe event. Nothing trusts the event's copy of the
 * object or its order: each handler re-reads the object from Stripe and
 * applies the current state, which is idempotent.
 */
export class WebhookProcessor {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly charges: ChargesService,
    private readonly cards: CardsService,
    private readonly payouts: PayoutsService,
  ) {}

  async process(eventId: string): Promise<void> {
    const row = await webhookEvent(this.ctx.prisma, eventId);
    if (!row || row.processedAt) return;
    const objectId = row.objectId ?? '';
    const type = row.type;
    if (type === 'account.updated') {
      await this.payouts.syncAccount(objectId);
    } else if (type.startsWith('payment_intent.')) {
      await this.syncIntent(objectId);
    } else if (type.startsWith('charge.')) {
      const charge = await this.ctx.stripe.charges.retrieve(objectId);
      const pi =
        typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      if (pi) await this.syncIntent(pi);
    } else if (type === 'setup_intent.succeeded') {
      const intent = await this.ctx.stripe.setupIntents.retrieve(objectId);
      const customer = typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
      if (customer) await this.cards.syncDefaultCard(customer);
    } else if ((type === 'payout.created' || type === 'payout.paid') && row.account) {
      await this.payouts.syncPayout(row.account, objectId);
    }
    await markWebhookProcessed(this.ctx.prisma, eventId, this.ctx.now());
  }

  /** Brings a booking's payment in line with its PaymentIntent. */
  private async syncIntent(paymentIntentId: string): Promise<void> {
    const row = await this.charges.paymentByIntent(paymentIntentId);
    if (!row) return;
    await this.charges.reconcileIntent(row.bookingId);
  }
}
