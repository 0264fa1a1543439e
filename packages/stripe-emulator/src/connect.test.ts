import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, failure, type Harness, onboardedAccount, startHarness } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function receivedEvents(): Stripe.Event[] {
  return h.receiver.received.map((w) =>
    h.stripe.webhooks.constructEvent(w.body, String(w.headers['stripe-signature']), h.secret),
  );
}

describe('Connect onboarding', () => {
  it('completes onboarding through the account link and sends account.updated', async () => {
    const account = await h.stripe.accounts.create({
      type: 'express',
      country: 'US',
      email: 'therapist@example.test',
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    });
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { card_payments: 'inactive', transfers: 'inactive' },
    });
    expect(account.requirements?.currently_due).toContain('external_account');

    const link = await h.stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://app.example.test/connect/refresh',
      return_url: 'https://app.example.test/connect/return',
      type: 'account_onboarding',
    });
    expect(link.object).toBe('account_link');
    expect(link.expires_at).toBeGreaterThan(link.created);
    expect(link.url.startsWith(`${h.emulator.url}/connect/onboard/${account.id}`)).toBe(true);

    const page = await fetch(link.url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('https://app.example.test/connect/return');

    const onboarded = await h.stripe.accounts.retrieve(account.id);
    expect(onboarded).toMatchObject({
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: { card_payments: 'active', transfers: 'active' },
    });
    expect(onboarded.requirements?.currently_due).toEqual([]);

    const updated = await eventually(
      () => receivedEvents().filter((e) => e.type === 'account.updated' && e.account === account.id),
      (events) => events.length === 1,
    );
    const event = updated[0] as Stripe.Event;
    expect((event.data.object as Stripe.Account).payouts_enabled).toBe(true);
    expect(event.data.previous_attributes).toMatchObject({ payouts_enabled: false, charges_enabled: false });

    // Account links are single-use.
    expect((await fetch(link.url)).status).toBe(410);
  });

  it('lets tests switch payouts off and on through the control endpoint', async () => {
    const account = await onboardedAccount(h);
    await h.emulator.control.setAccountCapabilities(account.id, { payouts_enabled: false });
    expect((await h.stripe.accounts.retrieve(account.id)).payouts_enabled).toBe(false);
    const events = await h.stripe.events.list({ type: 'account.updated' });
    const last = events.data.find((e) => e.account === account.id);
    expect(last?.data.previous_attributes).toEqual({ payouts_enabled: true });
  });

  it('refuses destination charges to accounts without the transfers capability', async () => {
    const account = await h.stripe.accounts.create({ type: 'express' });
    const err = await failure(() =>
      h.stripe.paymentIntents.create({
        amount: 5_000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
        transfer_data: { destination: account.id },
      }),
    );
    expect(err).toMatchObject({ statusCode: 400, code: 'insufficient_capabilities_for_transfer' });
  });
});

describe('destination charges', () => {
  it('moves funds on capture: transfer of the charge, application fee back to the platform', async () => {
    const account = await onboardedAccount(h);
    const pi = await h.stripe.paymentIntents.create({
      amount: 20_000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
      confirm: true,
      application_fee_amount: 4_000,
      transfer_data: { destination: account.id },
      on_behalf_of: account.id,
    });
    const captured = await h.stripe.paymentIntents.capture(pi.id, {
      amount_to_capture: 15_000,
      application_fee_amount: 3_000,
    });
    expect(captured).toMatchObject({
      amount_received: 15_000,
      application_fee_amount: 3_000,
      transfer_group: `group_${pi.id}`,
    });

    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string, {
      expand: ['transfer', 'application_fee'],
    });
    const transfer = charge.transfer as Stripe.Transfer;
    const fee = charge.application_fee as Stripe.ApplicationFee;
    expect(transfer).toMatchObject({
      object: 'transfer',
      amount: 15_000,
      destination: account.id,
      source_transaction: charge.id,
    });
    expect(transfer.destination_payment).toMatch(/^py_/);
    expect(fee).toMatchObject({
      object: 'application_fee',
      amount: 3_000,
      account: account.id,
      charge: charge.id,
    });
    expect((await h.stripe.transfers.retrieve(transfer.id)).id).toBe(transfer.id);
    const payment = transfer.destination_payment as string;
    const received = await h.stripe.charges.retrieve(payment, {}, { stripeAccount: account.id });
    expect(received).toMatchObject({ amount: 15_000, source_transfer: transfer.id });
    expect((await failure(() => h.stripe.charges.retrieve(payment))).statusCode).toBe(404);
    expect((await h.stripe.applicationFees.retrieve(fee.id)).amount).toBe(3_000);

    const connected = () => h.stripe.balance.retrieve({}, { stripeAccount: account.id });
    expect((await connected()).available[0]?.amount).toBe(12_000);

    // Half the charge back: the transfer is reversed and the fee refunded in proportion.
    const refund = await h.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 7_500,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    expect(refund.transfer_reversal).toMatch(/^trr_/);
    const reversed = await h.stripe.transfers.retrieve(transfer.id);
    expect(reversed).toMatchObject({ amount_reversed: 7_500, reversed: false });
    expect((await h.stripe.applicationFees.retrieve(fee.id)).amount_refunded).toBe(1_500);
    expect((await connected()).available[0]?.amount).toBe(6_000);

    await h.stripe.refunds.create({
      payment_intent: pi.id,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    expect((await h.stripe.transfers.retrieve(transfer.id)).reversed).toBe(true);
    expect((await h.stripe.applicationFees.retrieve(fee.id)).refunded).toBe(true);
    expect((await connected()).available[0]?.amount).toBe(0);
  });

  it('creates explicit transfers and pays out on the emulator clock', async () => {
    const account = await onboardedAccount(h);
    const transfer = await h.stripe.transfers.create({
      amount: 7_000,
      currency: 'usd',
      destination: account.id,
      transfer_group: 'booking_42',
      metadata: { booking_id: 'bk_42' },
    });
    expect(transfer).toMatchObject({
      amount: 7_000,
      transfer_group: 'booking_42',
      metadata: { booking_id: 'bk_42' },
    });

    const payout = await h.stripe.payouts.create(
      { amount: 5_000, currency: 'usd' },
      { stripeAccount: account.id },
    );
    expect(payout).toMatchObject({ status: 'pending', amount: 5_000 });
    expect(payout.destination).toMatch(/^ba_/);
    const tooMuch = await failure(() =>
      h.stripe.payouts.create({ amount: 5_000, currency: 'usd' }, { stripeAccount: account.id }),
    );
    expect(tooMuch).toMatchObject({ code: 'balance_insufficient' });

    await h.emulator.control.advanceClock(2 * 24 * 60 * 60);
    const paid = await h.stripe.payouts.list({}, { stripeAccount: account.id });
    expect(paid.data.map((p) => [p.id, p.status])).toEqual([[payout.id, 'paid']]);
    const events = await h.stripe.events.list({ type: 'payout.paid' });
    expect(events.data.find((e) => (e.data.object as Stripe.Payout).id === payout.id)?.account).toBe(
      account.id,
    );
  });
});
