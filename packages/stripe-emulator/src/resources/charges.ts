// Charges: created by PaymentIntent confirmation (never directly), retrievable and listable.
import type { Decline } from '../cards.ts';
import { resourceMissing } from '../errors.ts';
import type { Ctx } from '../host.ts';
import { paginate } from '../list.ts';
import type { Router } from '../router.ts';
import { newId } from '../store.ts';
import type { Charge, PaymentIntent, PaymentMethod } from '../types.ts';

/** Uncaptured card authorizations expire after 7 days, as on Stripe. */
export const AUTHORIZATION_TTL_SECONDS = 7 * 24 * 60 * 60;

export function createCharge(ctx: Ctx, pi: PaymentIntent, pm: PaymentMethod, decline?: Decline): Charge {
  const now = ctx.em.clock.now();
  const charge: Charge = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: pi.application_fee_amount,
    balance_transaction: null,
    billing_details: structuredClone(pm.billing_details),
    calculated_statement_descriptor: 'STRIPE EMULATOR',
    captured: false,
    created: now,
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: pi.on_behalf_of,
    outcome: chargeOutcome(decline),
    paid: decline === undefined,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: cardDetails(pi, pm, decline, now),
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: decline ? 'failed' : 'succeeded',
    transfer_data: pi.transfer_data ? { amount: null, destination: pi.transfer_data.destination } : null,
    transfer_group: pi.transfer_group,
  };
  return ctx.em.store.charges.put(charge);
}

/** Destination payments (py_) live on the connected account: visible with its Stripe-Account only. */
function visible(ctx: Ctx, charge: Charge): boolean {
  return (ctx.em.store.ownerOf.get(charge.id) ?? null) === ctx.account;
}

export function registerCharges(api: Router): void {
  api.get('/v1/charges/:id', ({ params, ctx }) => {
    const charge = ctx.em.store.charges.require(params.id ?? '');
    if (!visible(ctx, charge)) throw resourceMissing('charge', charge.id);
    return charge;
  });

  api.get('/v1/charges', ({ input, ctx }) => {
    const pi = input.str('payment_intent');
    const customer = input.str('customer');
    const rows = ctx.em.store.charges.list(
      (ch) =>
        visible(ctx, ch) &&
        (pi === undefined || ch.payment_intent === pi) &&
        (customer === undefined || ch.customer === customer),
    );
    return paginate(rows, input, '/v1/charges');
  });
}

/** What the network said: Stripe's outcome object for an approval or an issuer decline. */
function chargeOutcome(decline: Decline | undefined): Charge['outcome'] {
  return decline
    ? {
        network_status: 'declined_by_network',
        reason: decline.declineCode,
        risk_level: 'normal',
        seller_message: 'The bank did not return any further details with this decline.',
        type: 'issuer_declined',
      }
    : {
        network_status: 'approved_by_network',
        reason: null,
        risk_level: 'normal',
        seller_message: 'Payment complete.',
        type: 'authorized',
      };
}

/** The card as charged; a manual-capture authorization must be captured before `capture_before`. */
function cardDetails(
  pi: PaymentIntent,
  pm: PaymentMethod,
  decline: Decline | undefined,
  now: number,
): Charge['payment_method_details'] {
  const manual = pi.capture_method === 'manual';
  return {
    card: {
      amount_authorized: decline ? null : pi.amount,
      brand: pm.card.brand,
      capture_before: decline || !manual ? null : now + AUTHORIZATION_TTL_SECONDS,
      country: pm.card.country,
      exp_month: pm.card.exp_month,
      exp_year: pm.card.exp_year,
      fingerprint: pm.card.fingerprint,
      funding: pm.card.funding,
      last4: pm.card.last4,
      network: pm.card.brand,
    },
    type: 'card',
  };
}
