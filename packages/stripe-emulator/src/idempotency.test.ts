import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness, stripeFor } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const params = (bookingId: string): Stripe.PaymentIntentCreateParams => ({
  amount: 9_900,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  capture_method: 'manual',
  confirm: true,
  metadata: { booking_id: bookingId },
});

async function intentsFor(bookingId: string) {
  const all = await h.stripe.paymentIntents.list({ limit: 100 });
  return all.data.filter((pi) => pi.metadata.booking_id === bookingId);
}

describe('Idempotency-Key', () => {
  it('replays the saved response for the same key and parameters', async () => {
    const first = await h.stripe.paymentIntents.create(params('bk_replay'), { idempotencyKey: 'key-replay' });
    const second = await h.stripe.paymentIntents.create(params('bk_replay'), {
      idempotencyKey: 'key-replay',
    });
    expect(second.id).toBe(first.id);
    expect(second).toEqual(first);
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await intentsFor('bk_replay')).toHaveLength(1);
  });

  it('rejects the same key with different parameters', async () => {
    await h.stripe.paymentIntents.create(params('bk_a'), { idempotencyKey: 'key-mismatch' });
    const err = await failure(() =>
      h.stripe.paymentIntents.create(params('bk_b'), { idempotencyKey: 'key-mismatch' }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain(
      'Keys for idempotent requests can only be used with the same parameters they were first used with.',
    );
    expect(await intentsFor('bk_b')).toHaveLength(0);
  });

  it('rejects the same key on another endpoint', async () => {
    await h.stripe.customers.create({ email: 'x@example.test' }, { idempotencyKey: 'key-endpoint' });
    const err = await failure(() =>
      h.stripe.paymentIntents.create(params('bk_c'), { idempotencyKey: 'key-endpoint' }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.message).toContain("('POST /v1/customers' vs 'POST /v1/payment_intents')");
  });

  it('replays a card decline instead of charging again', async () => {
    const declined = { ...params('bk_decline'), payment_method: 'pm_card_chargeDeclined' };
    const first = await failure(() =>
      h.stripe.paymentIntents.create(declined, { idempotencyKey: 'key-decline' }),
    );
    const second = await failure(() =>
      h.stripe.paymentIntents.create(declined, { idempotencyKey: 'key-decline' }),
    );
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(second.charge).toBe(first.charge);
    expect(await intentsFor('bk_decline')).toHaveLength(1);
  });

  it('does not save parameter-validation failures', async () => {
    const invalid = { ...params('bk_fix'), amount: 10 };
    const err = await failure(() => h.stripe.paymentIntents.create(invalid, { idempotencyKey: 'key-fix' }));
    expect(err).toMatchObject({ statusCode: 400, code: 'amount_too_small', param: 'amount' });
    const fixed = await h.stripe.paymentIntents.create(params('bk_fix'), { idempotencyKey: 'key-fix' });
    expect(fixed.status).toBe('requires_capture');
  });

  it('scopes keys to the Stripe-Account', async () => {
    const account = await h.stripe.accounts.create({ type: 'express' });
    const platform = await h.stripe.customers.create(
      { email: 'p@example.test' },
      { idempotencyKey: 'key-scope' },
    );
    const connected = await h.stripe.customers.create(
      { email: 'p@example.test' },
      { idempotencyKey: 'key-scope', stripeAccount: account.id },
    );
    expect(connected.id).not.toBe(platform.id);
  });

  it('forgets keys after 24 hours on the emulator clock', async () => {
    const first = await h.stripe.customers.create({ name: 'Day one' }, { idempotencyKey: 'key-ttl' });
    await h.emulator.control.advanceClock(24 * 60 * 60);
    const later = await h.stripe.customers.create({ name: 'Day one' }, { idempotencyKey: 'key-ttl' });
    expect(later.id).not.toBe(first.id);
  });

  it('answers 409 while the first request with the key is still executing', async () => {
    const noRetry = stripeFor(h.emulator, { maxNetworkRetries: 0 });
    await h.emulator.control.injectFault({
      method: 'POST',
      path: '/v1/customers',
      delay_ms: 400,
      when: 'before',
    });
    const slow = noRetry.customers.create({ name: 'Slow' }, { idempotencyKey: 'key-concurrent' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const err = await failure(() =>
      noRetry.customers.create({ name: 'Slow' }, { idempotencyKey: 'key-concurrent' }),
    );
    expect(err.statusCode).toBe(409);
    expect(err.rawType).toBe('idempotency_error');
    expect(err.code).toBe('idempotency_key_in_use');
    const created = await slow;
    const replay = await noRetry.customers.create({ name: 'Slow' }, { idempotencyKey: 'key-concurrent' });
    expect(replay.id).toBe(created.id);
  });
});
