import type { Viewer } from '@mm/graphql-kit';
import { requireRole } from '@mm/graphql-kit';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import { customerOf, getCustomer, insertCustomer, setDefaultCard } from './cards.repository.ts';

export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
}

/** Stripe Customers and saved cards (SetupIntent flow). */
export class CardsService {
  constructor(private readonly ctx: PaymentsContext) {}

  /** The client's Stripe Customer, created once (idempotency key from the user id). */
  async ensureCustomer(userId: string, email?: string): Promise<string> {
    const existing = await customerOf(this.ctx.prisma, userId);
    if (existing) return existing.stripeCustomerId;
    const customer = await this.ctx.stripe.customers.create(
      { metadata: { user_id: userId }, ...(email ? { email } : {}) },
      { idempotencyKey: `customer-${userId}` },
    );
    await insertCustomer(this.ctx.prisma, userId, customer.id);
    const row = await getCustomer(this.ctx.prisma, userId);
    return row.stripeCustomerId;
  }

  /** Starts saving a card: the app confirms the returned client secret with Stripe.js. */
  async createSetup(viewer: Viewer | null): Promise<{ clientSecret: string; setupIntentId: string }> {
    const v = requireRole(viewer, 'CLIENT');
    const customer = await this.ensureCustomer(v.userId);
    const intent = await this.ctx.stripe.setupIntents.create({
      customer,
      usage: 'off_session',
      metadata: { user_id: v.userId },
    });
    return { clientSecret: intent.client_secret ?? '', setupIntentId: intent.id };
  }

  async list(viewer: Viewer | null): Promise<SavedCard[]> {
    const v = requireRole(viewer, 'CLIENT');
    const row = await customerOf(this.ctx.prisma, v.userId);
    if (!row) return [];
    const methods = await this.ctx.stripe.customers.listPaymentMethods(row.stripeCustomerId, {
      type: 'card',
      limit: 20,
    });
    return methods.data.map((pm) => toCard(pm, row.defaultPaymentMethodId));
  }

  /**
   * Re-reads the customer's cards and makes the newest the default. Driven by
   * setup_intent.succeeded, but independent of event order or repetition.
   */
  async syncDefaultCard(stripeCustomerId: string): Promise<void> {
    const methods = await this.ctx.stripe.customers.listPaymentMethods(stripeCustomerId, {
      type: 'card',
      limit: 20,
    });
    const newest = [...methods.data].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1))[0];
    await setDefaultCard(this.ctx.prisma, stripeCustomerId, newest?.id ?? null);
  }

  /** The customer and card a hold or tip is charged to, or null when the client has no card. */
  async chargeable(userId: string): Promise<{ customer: string; paymentMethod: string } | null> {
    const row = await customerOf(this.ctx.prisma, userId);
    if (!row) return null;
    if (row.defaultPaymentMethodId)
      return { customer: row.stripeCustomerId, paymentMethod: row.defaultPaymentMethodId };
    // The webhook may not have arrived yet: ask Stripe.
    await this.syncDefaultCard(row.stripeCustomerId);
    const fresh = await getCustomer(this.ctx.prisma, userId);
    return fresh.defaultPaymentMethodId
      ? { customer: fresh.stripeCustomerId, paymentMethod: fresh.defaultPaymentMethodId }
      : null;
  }
}

function toCard(pm: Stripe.PaymentMethod, defaultId: string | null): SavedCard {
  return {
    id: pm.id,
    brand: pm.card?.brand ?? 'unknown',
    last4: pm.card?.last4 ?? '????',
    expMonth: pm.card?.exp_month ?? 0,
    expYear: pm.card?.exp_year ?? 0,
    isDefault: pm.id === defaultId,
  };
}
