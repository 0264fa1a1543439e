import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { startStripeEmulator } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sdk = (port: number) =>
  new Stripe('sk_test_persist', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });

describe('state across restarts', () => {
  it('with a state file, customers, accounts, payments, balances and idempotency keys survive a restart', async () => {
    const stateFile = join(dir, 'a.json');
    const first = await startStripeEmulator({ stateFile });
    const stripe = sdk(first.port);
    const customer = await stripe.customers.create({ email: 'a@example.test' }, { idempotencyKey: 'cus-a' });
    const account = await stripe.accounts.create({ type: 'express', country: 'US' });
    const intent = await stripe.paymentIntents.create({
      amount: 12_000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
      confirm: true,
    });
    await first.control.advanceClock(3600);
    const clockBefore = await first.control.now();
    await first.close();
    expect(existsSync(stateFile)).toBe(true);

    const second = await startStripeEmulator({ stateFile });
    const again = sdk(second.port);
    expect((await again.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      id: customer.id,
      email: 'a@example.test',
    });
    expect((await again.accounts.retrieve(account.id)).id).toBe(account.id);
    expect((await again.paymentIntents.retrieve(intent.id)).status).toBe('requires_capture');
    // The same key replays the saved response instead of creating a second customer.
    const replay = await again.customers.create({ email: 'a@example.test' }, { idempotencyKey: 'cus-a' });
    expect(replay.id).toBe(customer.id);
    expect((await again.customers.list({ limit: 10 })).data.map((c) => c.id)).toEqual([customer.id]);
    // The emulator's clock does not go back.
    expect(await second.control.now()).toBeGreaterThanOrEqual(clockBefore);
    const captured = await again.paymentIntents.capture(intent.id);
    expect(captured.status).toBe('succeeded');
    await second.close();
  });

  it('without a state file (tests, port 0), two emulators share nothing and a restart starts empty', async () => {
    const a = await startStripeEmulator();
    const b = await startStripeEmulator();
    const customer = await sdk(a.port).customers.create({ email: 'x@example.test' });
    await expect(sdk(b.port).customers.retrieve(customer.id)).rejects.toMatchObject({
      code: 'resource_missing',
    });
    await a.close();
    const restarted = await startStripeEmulator();
    await expect(sdk(restarted.port).customers.retrieve(customer.id)).rejects.toMatchObject({
      code: 'resource_missing',
    });
    await Promise.all([b.close(), restarted.close()]);
  });

  it('two state files are two separate worlds', async () => {
    const one = await startStripeEmulator({ stateFile: join(dir, 'one.json') });
    const two = await startStripeEmulator({ stateFile: join(dir, 'two.json') });
    const customer = await sdk(one.port).customers.create({});
    await expect(sdk(two.port).customers.retrieve(customer.id)).rejects.toMatchObject({
      code: 'resource_missing',
    });
    await Promise.all([one.close(), two.close()]);
  });

  it('keeps an advanced clock’s lead over wall time however long after the last save it stops', async () => {
    const stateFile = join(dir, 'lead.json');
    const first = await startStripeEmulator({ stateFile });
    await sdk(first.port).customers.create({ email: 'lead@example.test' });
    await first.control.advanceClock(3600);
    await first.close();
    // As if the last write had happened 30 s before the server stopped: the lead is what counts.
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { now: number; savedAt: number };
    writeFileSync(stateFile, JSON.stringify({ ...saved, now: saved.now - 30, savedAt: saved.savedAt - 30 }));
    const second = await startStripeEmulator({ stateFile });
    expect(await second.control.now()).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3600 - 1);
    await second.close();
  });
});
