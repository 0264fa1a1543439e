// PaymentMethods: test-card materialisation, retrieve, update, attach, detach, list.
import { createHash } from 'node:crypto';
import { TEST_CARDS, type TestCard, testCardKey } from '../cards.ts';
import { cardError, invalidRequest } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { Ctx } from '../host.ts';
import { paginate } from '../list.ts';
import type { ApiCall, Router } from '../router.ts';
import { newId } from '../store.ts';
import type { Customer, PaymentMethod } from '../types.ts';
import { requireCustomer } from './customer-lookup.ts';

const emptyAddress = () => ({
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
});

function materialize(ctx: Ctx, key: string, card: TestCard): PaymentMethod {
  const { store, clock } = ctx.em;
  const year = new Date(clock.now() * 1000).getUTCFullYear();
  const pm: PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: emptyAddress(), email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'unchecked' },
      country: 'US',
      display_brand: card.brand,
      exp_month: 12,
      exp_year: year + 2,
      fingerprint: createHash('sha256').update(key).digest('base64url').slice(0, 16),
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: clock.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  store.cardOf.set(pm.id, key);
  return store.paymentMethods.put(pm);
}

/** A pm_ id or a test id such as `pm_card_visa` (which creates a fresh PaymentMethod). */
export function resolvePaymentMethod(ctx: Ctx, ref: string, param: string, status = 400): PaymentMethod {
  const key = testCardKey(ref);
  const card = key === undefined ? undefined : TEST_CARDS[key];
  if (key !== undefined && card !== undefined) return materialize(ctx, key, card);
  return ctx.em.store.paymentMethods.require(ref, param, status);
}

/** The test behaviour of a PaymentMethod (undefined for ordinary cards). */
export function testCardOf(ctx: Ctx, pm: PaymentMethod): TestCard | undefined {
  const key = ctx.em.store.cardOf.get(pm.id);
  return key === undefined ? undefined : TEST_CARDS[key];
}

/** Saving a card runs a card check: Stripe's decline cards fail it. */
export function checkAttachable(ctx: Ctx, pm: PaymentMethod, customerId: string): void {
  const card = testCardOf(ctx, pm);
  if (card?.decline && !card.attachable) {
    const { message, code, declineCode } = card.decline;
    throw cardError(message, code, declineCode, { param: 'payment_method' });
  }
  if (pm.customer !== null && pm.customer !== customerId) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', {
      code: 'payment_method_unexpected_state',
      param: 'payment_method',
    });
  }
}

export function attachPaymentMethod(ctx: Ctx, pm: PaymentMethod, customer: Customer): void {
  checkAttachable(ctx, pm, customer.id);
  if (pm.customer === customer.id) return;
  pm.customer = customer.id;
  emitEvent(ctx, 'payment_method.attached', pm);
}

function listFor(ctx: Ctx, customerId: string | undefined, type: string | undefined): PaymentMethod[] {
  return ctx.em.store.paymentMethods.list(
    (pm) =>
      (customerId === undefined || pm.customer === customerId) && (type === undefined || pm.type === type),
  );
}

/** POST /v1/payment_methods/:id/detach, clearing the customer's default if it was this one. */
function detachPaymentMethod({ params, ctx }: ApiCall): PaymentMethod {
  const pm = ctx.em.store.paymentMethods.require(params.id ?? '');
  if (pm.customer === null) {
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      {
        code: 'payment_method_unexpected_state',
      },
    );
  }
  const customer = ctx.em.store.customers.get(pm.customer);
  if (customer?.invoice_settings.default_payment_method === pm.id) {
    customer.invoice_settings.default_payment_method = null;
  }
  pm.customer = null;
  emitEvent(ctx, 'payment_method.detached', pm);
  return pm;
}

export function registerPaymentMethods(api: Router): void {
  api.get('/v1/payment_methods/:id', ({ params, ctx }) =>
    resolvePaymentMethod(ctx, params.id ?? '', 'id', 404),
  );

  api.post('/v1/payment_methods/:id', ({ params, input, ctx }) => {
    const pm = ctx.em.store.paymentMethods.require(params.id ?? '');
    const billing = input.obj('billing_details');
    const updates: Partial<PaymentMethod['billing_details']> = {};
    for (const key of ['email', 'name', 'phone'] as const) {
      const value = billing?.optStr(key);
      if (value !== undefined) updates[key] = value;
    }
    const metadata = input.metadata(pm.metadata);
    Object.assign(pm.billing_details, updates);
    pm.metadata = metadata;
    emitEvent(ctx, 'payment_method.updated', pm);
    return pm;
  });

  api.post('/v1/payment_methods/:id/attach', ({ params, input, ctx }) => {
    const customer = requireCustomer(ctx, input.requiredStr('customer'), 'customer', 400);
    const pm = resolvePaymentMethod(ctx, params.id ?? '', 'id', 404);
    attachPaymentMethod(ctx, pm, customer);
    return pm;
  });

  api.post('/v1/payment_methods/:id/detach', detachPaymentMethod);

  api.get('/v1/payment_methods', ({ input, ctx }) => {
    const customer = input.str('customer');
    if (customer !== undefined) requireCustomer(ctx, customer, 'customer', 400);
    return paginate(listFor(ctx, customer, input.str('type')), input, '/v1/payment_methods');
  });

  api.get('/v1/customers/:id/payment_methods', ({ params, input, ctx }) => {
    const customer = requireCustomer(ctx, params.id ?? '');
    const url = `/v1/customers/${customer.id}/payment_methods`;
    return paginate(listFor(ctx, customer.id, input.str('type')), input, url);
  });

  api.get('/v1/customers/:id/payment_methods/:pm', ({ params, ctx }) => {
    const customer = requireCustomer(ctx, params.id ?? '');
    const pm = ctx.em.store.paymentMethods.require(params.pm ?? '');
    if (pm.customer !== customer.id) {
      throw invalidRequest(`No such PaymentMethod: '${pm.id}'`, {
        code: 'resource_missing',
        param: 'payment_method',
        status: 404,
      });
    }
    return pm;
  });
}
