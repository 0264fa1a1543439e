import type { Config } from '@mm/config';
import Stripe from 'stripe';

/** Key used against the embedded emulator, which accepts any sk_test_… key. */
export const EMULATOR_API_KEY = 'sk_test_mm_local_emulator';
/** Signing secret shared with the emulator when none is configured (development and tests only). */
export const EMULATOR_WEBHOOK_SECRET = 'whsec_mm_local_emulator';

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

export function webhookSecret(config: Config): string {
  if (config.STRIPE_WEBHOOK_SECRET) return config.STRIPE_WEBHOOK_SECRET;
  if (config.STRIPE_SECRET_KEY && config.NODE_ENV === 'production') {
    throw new Error('STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is set in production');
  }
  return EMULATOR_WEBHOOK_SECRET;
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
