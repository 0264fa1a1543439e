import type { Config } from '@mm/config';
import Stripe from 'stripe';

/** Key used against the embedded emulator, which accepts any sk_test_… key. */
export const EMULATOR_API_KEY = 'sk_test_mm_local_emulator';
// Apart, so that `npm start`'s orchestrator reads the secret without loading the Stripe SDK.
export { EMULATOR_WEBHOOK_SECRET, webhookSecret } from './webhook-secret.ts';

/**
 * Where the official SDK sends requests: STRIPE_API_URL when set; otherwise
 * the embedded emulator when there is no STRIPE_SECRET_KEY, and Stripe itself
 * (test or live mode, by the key) when there is one. The same code runs either way.
 */
export function stripeEndpoint(config: Config): URL | null {
  if (config.STRIPE_API_URL) return new URL(config.STRIPE_API_URL);
  if (!config.STRIPE_SECRET_KEY) return new URL(`http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}`);
  return null;
}

export function createStripeClient(config: Config): Stripe {
  const endpoint = stripeEndpoint(config);
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 15_000, telemetry: false };
  if (endpoint) {
    const protocol = endpoint.protocol === 'https:' ? 'https' : 'http';
    options.host = endpoint.hostname;
    options.port = Number(endpoint.port || (protocol === 'https' ? 443 : 80));
    options.protocol = protocol;
  }
  return new Stripe(config.STRIPE_SECRET_KEY ?? EMULATOR_API_KEY, options);
}

/** Stripe's answer to "that already happened" (capture of a captured PaymentIntent, cancel of a canceled one). */
export function isUnexpectedState(err: unknown): boolean {
  return (err as { code?: string })?.code === 'payment_intent_unexpected_state';
}

export function isCardError(err: unknown): err is Stripe.errors.StripeCardError {
  return (err as { type?: string })?.type === 'StripeCardError';
}

export const minorCurrency = (currency: string) => currency.toLowerCase();
export const majorCurrency = (currency: string) => currency.toUpperCase();
