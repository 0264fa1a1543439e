import type { Config } from '@mm/config';

/** Signing secret shared with the emulator when none is configured (development and tests only). */
export const EMULATOR_WEBHOOK_SECRET = 'whsec_mm_local_emulator';

export function webhookSecret(config: Config): string {
  if (config.STRIPE_WEBHOOK_SECRET) return config.STRIPE_WEBHOOK_SECRET;
  if (config.STRIPE_SECRET_KEY && config.NODE_ENV === 'production') {
    throw new Error('STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is set in production');
  }
  return EMULATOR_WEBHOOK_SECRET;
}
