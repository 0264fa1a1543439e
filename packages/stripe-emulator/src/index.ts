// Public API of @mm/stripe-emulator.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { EmulatorControl } from './control-client.ts';
import { buildStripeEmulator, emulatorOf, type StripeEmulatorOptions } from './server.ts';

export { TEST_CARDS } from './cards.ts';
export type { ClockOptions } from './clock.ts';
export type { DeliveryFilter, WaitOptions } from './control-client.ts';
export { EmulatorControl } from './control-client.ts';
export type { Ctx, Emulator, EmulatorOptions, WebhookConfig } from './emulator.ts';
export { DEFAULT_API_VERSION } from './emulator.ts';
export type { Fault, FaultSpec, FaultStats } from './faults.ts';
export type { AccountStatusUpdate } from './resources/accounts.ts';
export type { StripeEmulatorOptions } from './server.ts';
export { buildStripeEmulator, emulatorOf } from './server.ts';
export type { Delivery, DeliveryOptions } from './webhooks.ts';
export { signatureHeader } from './webhooks.ts';

export interface StartOptions extends StripeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:12111 */
  url: string;
  host: string;
  port: number;
  /** Secret of the webhook endpoint configured at startup (generated if not given). */
  webhookSecret: string | null;
  control: EmulatorControl;
  app: FastifyInstance;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startStripeEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The Stripe emulator only listens on loopback, not ${host}`);
  const app = buildStripeEmulator(options);
  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host === '::1' ? '[::1]' : host}:${port}`;
  return {
    url,
    host,
    port,
    webhookSecret: emulatorOf(app).configTarget?.secret ?? null,
    control: new EmulatorControl(url),
    app,
    close: () => app.close(),
  };
}
