import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, failure, type Harness, startHarness } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('test controls', () => {
  it('moves the clock forward only', async () => {
    const start = await h.emulator.control.now();
    expect(await h.emulator.control.advanceClock(3_600)).toBe(start + 3_600);
    expect(await h.emulator.control.setClock(start + 7_200)).toBe(start + 7_200);
    await expect(h.emulator.control.setClock(start)).rejects.toThrow(/400/);
    const customer = await h.stripe.customers.create({});
    expect(customer.created).toBe(start + 7_200);
  });

  it('resets all state but keeps the configured webhook endpoint', async () => {
    const customer = await h.stripe.customers.create({ email: 'gone@example.test' });
    await h.emulator.control.injectFault({ path: '/v1/customers', status: 500, times: 5 });
    await h.emulator.control.reset();
    const err = await failure(() => h.stripe.customers.retrieve(customer.id));
    expect(err).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    // The fault was cleared too: this create is not failed.
    await h.stripe.customers.create({ email: 'after-reset@example.test' });
    expect(await h.emulator.control.deliveries({ event_type: 'customer.created' })).toHaveLength(1);
    expect(await h.emulator.control.webhookConfig()).toMatchObject({ url: h.receiver.url, secret: h.secret });
  });
});

describe('webhook endpoint control', () => {
  it('points the startup endpoint at a receiver that started later, keeping the secret', async () => {
    const { startReceiver } = await import('./test-support.ts');
    const later = await startReceiver();
    try {
      const set = await h.emulator.control.setWebhook({ url: later.url });
      expect(set).toMatchObject({ url: later.url, secret: h.secret });
      const customer = await h.stripe.customers.create({ email: 'moved@example.test' });
      const seen = await eventually(
        () => later.received.find((r) => r.body.includes(customer.id)),
        (r) => r !== undefined,
      );
      const event = Stripe.webhooks.constructEvent(
        seen?.body ?? '',
        String(seen?.headers['stripe-signature']),
        h.secret,
      );
      expect(event.type).toBe('customer.created');
      await expect(h.emulator.control.setWebhook({ url: later.url, secret: 'nope' })).rejects.toThrow(/400/);
    } finally {
      await h.emulator.control.setWebhook({ url: h.receiver.url });
      await later.close();
    }
  });
});

describe('cli', () => {
  it('starts a standalone emulator the SDK can use', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], {
      env: { ...process.env, STRIPE_WEBHOOK_URL: h.receiver.url, STRIPE_WEBHOOK_SECRET: 'whsec_cli_test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
      });
      const port = Number(new URL(url).port);
      const stripe = new Stripe('sk_test_cli', { host: '127.0.0.1', port, protocol: 'http' });
      const customer = await stripe.customers.create({ email: 'cli@example.test' });
      expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
      const config = await fetch(`${url}/_emulator/webhook`).then((r) => r.json());
      expect(config).toMatchObject({ url: h.receiver.url, secret: 'whsec_cli_test' });
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
