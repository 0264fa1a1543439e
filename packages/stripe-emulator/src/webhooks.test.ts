import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Harness, startHarness, startReceiver } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const verify = (stripe: Stripe, body: string, header: unknown, secret: string) =>
  stripe.webhooks.constructEvent(body, String(header), secret);

describe('webhook delivery', () => {
  it('signs deliveries so that stripe.webhooks.constructEvent accepts them', async () => {
    const customer = await h.stripe.customers.create({ email: 'signed@example.test' });
    const webhook = await eventually(
      () => h.receiver.received.find((w) => w.body.includes(customer.id)),
      (found) => found !== undefined,
    );
    if (webhook === undefined) throw new Error('unreachable');
    expect(webhook.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = verify(h.stripe, webhook.body, webhook.headers['stripe-signature'], h.secret);
    expect(event).toMatchObject({ object: 'event', type: 'customer.created', livemode: false });
    expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
    expect((await h.stripe.events.retrieve(event.id)).type).toBe('customer.created');

    expect(() => verify(h.stripe, webhook.body, webhook.headers['stripe-signature'], 'whsec_wrong')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => verify(h.stripe, `${webhook.body} `, webhook.headers['stripe-signature'], h.secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('retries a failing endpoint with backoff until it succeeds', async () => {
    h.receiver.failNext(2, 500);
    const customer = await h.stripe.customers.create({ email: 'retry@example.test' });
    const [delivery] = await h.emulator.control
      .waitForDeliveries((list) => list.some((d) => d.object_id === customer.id && d.status === 'succeeded'))
      .then((list) => list.filter((d) => d.object_id === customer.id));
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      last_status: 200,
      event_type: 'customer.created',
    });
    const bodies = h.receiver.received.filter((w) => w.body.includes(customer.id));
    expect(bodies).toHaveLength(3);
    for (const w of bodies)
      expect(verify(h.stripe, w.body, w.headers['stripe-signature'], h.secret).type).toBe('customer.created');
  });

  it('gives up after the maximum number of attempts', async () => {
    h.receiver.failNext(10, 503);
    const customer = await h.stripe.customers.create({ email: 'gives-up@example.test' });
    const list = await h.emulator.control.waitForDeliveries((all) =>
      all.some((d) => d.object_id === customer.id && d.status === 'failed'),
    );
    expect(list.find((d) => d.object_id === customer.id)).toMatchObject({ attempts: 4, last_status: 503 });
    h.receiver.failNext(0);
  });

  it('delivers events for the same object in order, and holds them while paused', async () => {
    // A dedicated endpoint that only gets this PaymentIntent's events, so the one
    // failure below is known to hit its first delivery.
    const receiver = await startReceiver();
    try {
      const endpoint = await h.stripe.webhookEndpoints.create({
        url: receiver.url,
        enabled_events: [
          'payment_intent.created',
          'payment_intent.amount_capturable_updated',
          'payment_intent.succeeded',
        ],
      });
      await h.emulator.control.pauseWebhooks();
      const pi = await h.stripe.paymentIntents.create({
        amount: 4_000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        capture_method: 'manual',
        confirm: true,
      });
      await h.stripe.paymentIntents.capture(pi.id);
      const pending = await h.emulator.control.deliveries({ status: 'pending' });
      const mine = pending.filter((d) => d.endpoint_id === endpoint.id);
      expect(mine.map((d) => [d.event_type, d.attempts])).toEqual([
        ['payment_intent.created', 0],
        ['payment_intent.amount_capturable_updated', 0],
        ['payment_intent.succeeded', 0],
      ]);
      expect(receiver.received).toHaveLength(0);

      receiver.failNext(1);
      await h.emulator.control.resumeWebhooks();
      await h.emulator.control.waitForDeliveries((all) =>
        all.filter((d) => d.endpoint_id === endpoint.id).every((d) => d.status === 'succeeded'),
      );
      const types = receiver.received.map(
        (w) => verify(h.stripe, w.body, w.headers['stripe-signature'], endpoint.secret ?? '').type,
      );
      // The first delivery failed and was retried before the later ones were sent.
      expect(types).toEqual([
        'payment_intent.created',
        'payment_intent.created',
        'payment_intent.amount_capturable_updated',
        'payment_intent.succeeded',
      ]);
      await h.stripe.webhookEndpoints.del(endpoint.id);
    } finally {
      await receiver.close();
    }
  });

  it('delivers to endpoints created through the API with their own secret', async () => {
    const second = await startReceiver();
    try {
      const endpoint = await h.stripe.webhookEndpoints.create({
        url: second.url,
        enabled_events: ['payment_intent.succeeded'],
      });
      expect(endpoint.secret).toMatch(/^whsec_/);
      expect((await h.stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
      const pi = await h.stripe.paymentIntents.create({
        amount: 3_000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      const got = await eventually(
        () => second.received,
        (list) => list.length > 0,
      );
      const event = verify(
        h.stripe,
        got[0]?.body ?? '',
        got[0]?.headers['stripe-signature'],
        endpoint.secret ?? '',
      );
      expect(event.type).toBe('payment_intent.succeeded');
      expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
      expect(second.received).toHaveLength(1);
      await h.stripe.webhookEndpoints.del(endpoint.id);
    } finally {
      await second.close();
    }
  });
});
