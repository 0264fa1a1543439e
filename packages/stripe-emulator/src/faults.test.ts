import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, onboardedAccount, startHarness, stripeFor } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function destinationHold(destination: string) {
  return h.stripe.paymentIntents.create({
    amount: 15_000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    capture_method: 'manual',
    confirm: true,
    application_fee_amount: 3_000,
    transfer_data: { destination },
  });
}

describe('fault injection', () => {
  it('a capture answered with an injected 500 after commit is retried by the SDK and charges once', async () => {
    const account = await onboardedAccount(h);
    const pi = await destinationHold(account.id);
    await h.emulator.control.injectFault({
      method: 'POST',
      path: `/v1/payment_intents/${pi.id}/capture`,
      status: 500,
      times: 1,
      when: 'after',
    });
    // The SDK retries 5xx with the same Idempotency-Key; the retry replays the saved success.
    const stripe = stripeFor(h.emulator, { maxNetworkRetries: 2 });
    const captured = await stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: `capture-${pi.id}` });
    expect(captured.status).toBe('succeeded');
    expect(captured.lastResponse.headers['idempotent-replayed']).toBe('true');

    const after = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(after.amount_received).toBe(15_000);
    const transfers = await h.stripe.transfers.list({ destination: account.id });
    expect(transfers.data).toHaveLength(1);
    expect(transfers.data[0]?.amount).toBe(15_000);
    const captures = await h.stripe.events.list({ type: 'charge.captured' });
    expect(
      captures.data.filter((e) => (e.data.object as Stripe.Charge).payment_intent === pi.id),
    ).toHaveLength(1);
    const balance = await h.stripe.balance.retrieve({}, { stripeAccount: account.id });
    expect(balance.available[0]?.amount).toBe(12_000);
  });

  it('a connection reset after commit is survived the same way', async () => {
    const account = await onboardedAccount(h);
    const pi = await destinationHold(account.id);
    await h.emulator.control.injectFault({
      path: `/v1/payment_intents/${pi.id}/capture`,
      reset: true,
      when: 'after',
    });
    const captured = await h.stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: `reset-${pi.id}` });
    expect(captured.amount_received).toBe(15_000);
    expect((await h.stripe.transfers.list({ destination: account.id })).data).toHaveLength(1);
  });

  it("a 'before' fault does not execute the request", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2_000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
      confirm: true,
    });
    await h.emulator.control.injectFault({
      path: `/v1/payment_intents/${pi.id}/capture`,
      status: 503,
      times: 1,
    });
    const noRetry = stripeFor(h.emulator, { maxNetworkRetries: 0 });
    const err = await failure(() =>
      noRetry.paymentIntents.capture(pi.id, {}, { idempotencyKey: 'before-1' }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err.statusCode).toBe(503);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_capture');
    // Nothing was saved under the key: the retry really executes.
    const captured = await noRetry.paymentIntents.capture(pi.id, {}, { idempotencyKey: 'before-1' });
    expect(captured.status).toBe('succeeded');
    expect(captured.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it("an 'after' fault without a retry leaves the operation committed", async () => {
    await h.emulator.control.injectFault({
      method: 'POST',
      path: '/v1/customers',
      status: 500,
      when: 'after',
    });
    const noRetry = stripeFor(h.emulator, { maxNetworkRetries: 0 });
    const err = await failure(() => noRetry.customers.create({ email: 'lost-answer@example.test' }));
    expect(err.statusCode).toBe(500);
    const found = await h.stripe.customers.list({ email: 'lost-answer@example.test' });
    expect(found.data).toHaveLength(1);
  });
});
