import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const DAY = 24 * 60 * 60;

async function savedCard(pm = 'pm_card_visa') {
  const customer = await h.stripe.customers.create({ email: 'client@example.test' });
  const si = await h.stripe.setupIntents.create({ customer: customer.id, payment_method: pm, confirm: true });
  return { customer: customer.id, pm: si.payment_method as string };
}

async function hold(pm: string, customer?: string, amount = 12_000) {
  return h.stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: pm,
    capture_method: 'manual',
    confirm: true,
    ...(customer ? { customer, off_session: true } : {}),
    metadata: { booking_id: 'bk_hold' },
  });
}

describe('manual capture lifecycle', () => {
  it('holds, captures partially, refunds partially and refuses an over-refund', async () => {
    const { customer, pm } = await savedCard();
    const pi = await hold(pm, customer);
    expect(pi).toMatchObject({
      object: 'payment_intent',
      status: 'requires_capture',
      amount: 12_000,
      amount_capturable: 12_000,
      amount_received: 0,
      capture_method: 'manual',
      customer,
      payment_method: pm,
      metadata: { booking_id: 'bk_hold' },
    });
    const authorized = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(authorized).toMatchObject({
      captured: false,
      amount_captured: 0,
      paid: true,
      status: 'succeeded',
    });
    expect(authorized.payment_method_details?.card?.capture_before).toBe(authorized.created + 7 * DAY);

    const captured = await h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 9_000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 9_000, amount_capturable: 0 });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({
      captured: true,
      amount: 12_000,
      amount_captured: 9_000,
      amount_refunded: 0,
    });

    const refund = await h.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 2_500,
      reason: 'requested_by_customer',
      metadata: { booking_id: 'bk_hold' },
    });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 2_500,
      charge: charge.id,
      payment_intent: pi.id,
      status: 'succeeded',
      reason: 'requested_by_customer',
    });
    expect((await h.stripe.refunds.retrieve(refund.id)).id).toBe(refund.id);

    const over = await failure(() => h.stripe.refunds.create({ payment_intent: pi.id, amount: 6_600 }));
    expect(over).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(over).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    expect(over.message).toBe('Refund amount ($66.00) is greater than unrefunded amount on charge ($65.00)');

    const rest = await h.stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(6_500);
    const done = await failure(() => h.stripe.refunds.create({ payment_intent: pi.id }));
    expect(done).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });

    const after = await h.stripe.charges.retrieve(charge.id);
    expect(after).toMatchObject({ amount_refunded: 9_000, refunded: true });
    const listed = await h.stripe.refunds.list({ payment_intent: pi.id });
    expect(listed.data.map((r) => r.amount)).toEqual([6_500, 2_500]);
  });

  it('captures the full amount by default and refuses to capture twice', async () => {
    const pi = await hold('pm_card_visa');
    const captured = await h.stripe.paymentIntents.capture(pi.id);
    expect(captured.amount_received).toBe(12_000);
    const again = await failure(() => h.stripe.paymentIntents.capture(pi.id));
    expect(again).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(again.message).toContain('status of succeeded');
  });

  it('refuses to refund an authorization that was never captured', async () => {
    const pi = await hold('pm_card_visa');
    const err = await failure(() => h.stripe.refunds.create({ payment_intent: pi.id }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.message).toBe(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`);
    const byCharge = await failure(() => h.stripe.refunds.create({ charge: pi.latest_charge as string }));
    expect(byCharge.statusCode).toBe(400);
  });

  it('cancels a hold and then refuses to capture it', async () => {
    const pi = await hold('pm_card_visa');
    const canceled = await h.stripe.paymentIntents.cancel(pi.id, {
      cancellation_reason: 'requested_by_customer',
    });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    const err = await failure(() => h.stripe.paymentIntents.capture(pi.id));
    expect(err).toMatchObject({ code: 'payment_intent_unexpected_state' });
  });

  it('creates, then confirms with automatic capture', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 5_000,
      currency: 'usd',
      description: 'Massage 60 min',
    });
    expect(pi.status).toBe('requires_payment_method');
    const withPm = await h.stripe.paymentIntents.update(pi.id, { payment_method: 'pm_card_visa' });
    expect(withPm.status).toBe('requires_confirmation');
    const confirmed = await h.stripe.paymentIntents.confirm(pi.id);
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 5_000 });
    const charge = await h.stripe.charges.retrieve(confirmed.latest_charge as string);
    expect(charge).toMatchObject({ captured: true, amount_captured: 5_000, description: 'Massage 60 min' });
  });
});

describe('declines', () => {
  it.each([
    ['pm_card_chargeDeclined', 'generic_decline', 'Your card was declined.'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.'],
    [
      'pm_card_visa_chargeDeclinedInsufficientFunds',
      'insufficient_funds',
      'Your card has insufficient funds.',
    ],
  ])('%s declines with 402 card_error (%s)', async (pm, declineCode, message) => {
    const err = await failure(() =>
      h.stripe.paymentIntents.create({ amount: 8_000, currency: 'usd', payment_method: pm, confirm: true }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err).toMatchObject({
      statusCode: 402,
      type: 'StripeCardError',
      code: 'card_declined',
      decline_code: declineCode,
      message,
    });
    const pi = err.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: declineCode,
    });

    const stored = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(stored.status).toBe('requires_payment_method');
    expect(stored.payment_method).toBeNull();
    const charge = await h.stripe.charges.retrieve(stored.latest_charge as string);
    expect(charge).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined' });
    expect(charge.outcome?.reason).toBe(declineCode);

    // The customer can retry the same PaymentIntent with another card.
    const retried = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(retried.status).toBe('succeeded');
  });

  it('declines an off-session charge of a saved card that fails later', async () => {
    const { customer, pm } = await savedCard('pm_card_chargeCustomerFail');
    const err = await failure(() => hold(pm, customer));
    expect(err).toMatchObject({ statusCode: 402, code: 'card_declined' });
    const failed = await h.stripe.events.list({ type: 'payment_intent.payment_failed' });
    expect(failed.data.some((e) => (e.data.object as Stripe.PaymentIntent).customer === customer)).toBe(true);
  });

  it('authorizes pm_card_captureFails but declines its capture, keeping the hold', async () => {
    const pi = await hold('pm_card_captureFails');
    expect(pi.status).toBe('requires_capture');
    const err = await failure(() => h.stripe.paymentIntents.capture(pi.id));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err).toMatchObject({ statusCode: 402, code: 'card_declined' });
    const after = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(after).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 12_000,
      amount_received: 0,
    });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.captured).toBe(false);
  });
});

describe('authorization expiry', () => {
  it('cancels an uncaptured hold 7 days after authorization', async () => {
    const pi = await hold('pm_card_visa');
    await h.emulator.control.advanceClock(7 * DAY - 1);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_capture');

    await h.emulator.control.advanceClock(1);
    const expired = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(expired).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'automatic',
      amount_capturable: 0,
    });
    expect(expired.canceled_at).toBe(pi.created + 7 * DAY);

    const err = await failure(() => h.stripe.paymentIntents.capture(pi.id));
    expect(err).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(err.message).toContain('status of canceled');

    const events = await h.stripe.events.list({ type: 'payment_intent.canceled' });
    const event = events.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === pi.id);
    expect(event).toBeDefined();
    expect(event?.request).toEqual({ id: null, idempotency_key: null });
    const deliveries = await h.emulator.control.deliveries({ event_type: 'payment_intent.canceled' });
    expect(deliveries.filter((d) => d.object_id === pi.id)).toHaveLength(1);
    const expiredCharges = await h.stripe.events.list({ type: 'charge.expired' });
    expect(expiredCharges.data.map((e) => (e.data.object as Stripe.Charge).id)).toContain(pi.latest_charge);
  });
});
