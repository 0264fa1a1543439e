// Helpers for the emulator's own tests: a started emulator, an SDK client pointed at
// it, and a local webhook receiver. Everything stays on 127.0.0.1.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type RunningEmulator, type StartOptions, startStripeEmulator } from './index.ts';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answer the next `count` requests with `status` (e.g. 500) instead of 200. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failures = 0;
  let failStatus = 500;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failures > 0) {
        failures -= 1;
        res.writeHead(failStatus).end('failing on purpose');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function stripeFor(emulator: RunningEmulator, config: Stripe.StripeConfig = {}): Stripe {
  return new Stripe('sk_test_emulator', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
    telemetry: false,
    ...config,
  });
}

export interface Harness {
  emulator: RunningEmulator;
  stripe: Stripe;
  receiver: WebhookReceiver;
  secret: string;
  close(): Promise<void>;
}

export const WEBHOOK_SECRET = 'whsec_test_emulator_secret';

/** A started emulator (frozen clock) delivering webhooks to a local receiver. */
export async function startHarness(options: StartOptions = {}): Promise<Harness> {
  const receiver = await startReceiver();
  const emulator = await startStripeEmulator({
    clock: { frozen: true },
    webhook: { url: receiver.url, secret: WEBHOOK_SECRET },
    delivery: { retryDelaysMs: [20, 50, 100], maxAttempts: 4 },
    ...options,
  });
  return {
    emulator,
    stripe: stripeFor(emulator),
    receiver,
    secret: WEBHOOK_SECRET,
    close: async () => {
      await emulator.close();
      await receiver.close();
    },
  };
}

/** Polls `read` until `done` holds (generous timeout: no test depends on speed). */
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `fn`, expecting it to reject; returns the rejection for assertions. */
export async function failure(fn: () => Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error('expected the Stripe call to fail');
}

/** A connected account whose onboarding is complete (transfers capability active). */
export async function onboardedAccount(h: Harness): Promise<Stripe.Account> {
  const account = await h.stripe.accounts.create({
    type: 'express',
    country: 'US',
    email: 'therapist@example.test',
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  });
  await h.emulator.control.setAccountCapabilities(account.id, {
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
  });
  return h.stripe.accounts.retrieve(account.id);
}
