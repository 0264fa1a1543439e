import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness, stripeFor } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('customers and saved cards', () => {
  it('creates, retrieves and updates a customer with bracket-encoded metadata', async () => {
    const customer = await h.stripe.customers.create({
      email: 'client@example.test',
      name: 'Ada Client',
      metadata: { booking_id: 'bk_1', note: 'a&b=c [x]' },
    });
    expect(customer.id).toMatch(/^cus_/);
    expect(customer.object).toBe('customer');
    expect(customer.livemode).toBe(false);
    expect(customer.metadata).toEqual({ booking_id: 'bk_1', note: 'a&b=c [x]' });
    expect(customer.created).toBe(await h.emulator.control.now());

    const updated = await h.stripe.customers.update(customer.id, {
      metadata: { note: '', extra: '1' },
      phone: '+100',
    });
    expect(updated.metadata).toEqual({ booking_id: 'bk_1', extra: '1' });
    expect(updated.phone).toBe('+100');
    const fetched = await h.stripe.customers.retrieve(customer.id);
    expect(fetched).toMatchObject({
      id: customer.id,
      email: 'client@example.test',
      metadata: updated.metadata,
    });
  });

  it('saves a card with a SetupIntent and lists it on the customer', async () => {
    const customer = await h.stripe.customers.create({ email: 'saver@example.test' });
    const created = await h.stripe.setupIntents.create({ customer: customer.id, usage: 'off_session' });
    expect(created.status).toBe('requires_payment_method');
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));

    const confirmed = await h.stripe.setupIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    const pmId = confirmed.payment_method as string;
    expect(pmId).toMatch(/^pm_/);
    expect(pmId).not.toBe('pm_card_visa');

    const pm = await h.stripe.paymentMethods.retrieve(pmId);
    expect(pm).toMatchObject({ customer: customer.id, type: 'card', card: { brand: 'visa', last4: '4242' } });

    const viaCustomer = await h.stripe.customers.listPaymentMethods(customer.id);
    const viaQuery = await h.stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(viaCustomer.data.map((p) => p.id)).toEqual([pmId]);
    expect(viaQuery.data.map((p) => p.id)).toEqual([pmId]);

    const withDefault = await h.stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: pmId },
    });
    expect(withDefault.invoice_settings.default_payment_method).toBe(pmId);

    const events = await h.stripe.events.list({ type: 'setup_intent.succeeded' });
    expect(events.data.some((e) => (e.data.object as Stripe.SetupIntent).id === created.id)).toBe(true);
  });

  it('creates and confirms a SetupIntent in one call, then detaches the card', async () => {
    const customer = await h.stripe.customers.create({});
    const si = await h.stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_mastercard',
      confirm: true,
    });
    expect(si.status).toBe('succeeded');
    const detached = await h.stripe.paymentMethods.detach(si.payment_method as string);
    expect(detached.customer).toBeNull();
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
  });

  it('refuses to save a card Stripe declines, leaving the SetupIntent requires_payment_method', async () => {
    const customer = await h.stripe.customers.create({});
    const si = await h.stripe.setupIntents.create({ customer: customer.id });
    const err = await failure(() =>
      h.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_chargeDeclined' }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    const after = await h.stripe.setupIntents.retrieve(si.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_setup_error?.code).toBe('card_declined');
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);

    const attach = await failure(() =>
      h.stripe.paymentMethods.attach('pm_card_chargeDeclinedInsufficientFunds', { customer: customer.id }),
    );
    expect(attach).toMatchObject({ statusCode: 402, decline_code: 'insufficient_funds' });
    // The documented "attaches fine, declines on charge" card can be saved.
    const saved = await h.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    expect(saved.customer).toBe(customer.id);
  });

  it('answers unknown ids with resource_missing', async () => {
    const err = await failure(() => h.stripe.customers.retrieve('cus_doesnotexist'));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
    expect(err.message).toBe("No such customer: 'cus_doesnotexist'");
  });

  it('rejects parameter errors with the parameter named', async () => {
    const err = await failure(() =>
      h.stripe.paymentIntents.create({ amount: 1000 } as Stripe.PaymentIntentCreateParams),
    );
    expect(err).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'currency' });
  });
});

describe('authentication and accounts', () => {
  it('requires a test secret key', async () => {
    const bad = new Stripe('sk_live_nope', {
      host: '127.0.0.1',
      port: h.emulator.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    const err = await failure(() => bad.customers.create({}));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
    expect(err.message).toContain('Invalid API Key provided');

    const res = await fetch(`${h.emulator.url}/v1/customers`, { method: 'POST' });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('You did not provide an API key');
  });

  it('accepts Stripe-Account for existing connected accounts only', async () => {
    const account = await h.stripe.accounts.create({ type: 'express', country: 'US' });
    const balance = await h.stripe.balance.retrieve({}, { stripeAccount: account.id });
    expect(balance.available).toEqual([{ amount: 0, currency: 'usd', source_types: { card: 0 } }]);
    const err = await failure(() =>
      stripeFor(h.emulator).balance.retrieve({}, { stripeAccount: 'acct_missing' }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripePermissionError);
  });

  it('answers unknown routes like Stripe', async () => {
    const res = await fetch(`${h.emulator.url}/v1/nothing_here`, {
      headers: { authorization: 'Bearer sk_test_x' },
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });
});
