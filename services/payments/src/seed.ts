import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { createPaymentsContext } from './context.ts';
import { buildPaymentsServices } from './modules/index.ts';
import { stripeEndpoint } from './modules/shared/stripe.ts';

export interface SeedAccounts {
  admin: { userId: string; email: string };
  client: { userId: string; email: string };
  therapists: { userId: string; email: string; fullName: string }[];
}

export interface SeedArgs {
  prisma: PrismaClient;
  config: Config;
  now: Date;
  accounts: SeedAccounts;
  log?: (message: string) => void;
}

/**
 * Demo data: a saved test card (pm_card_visa) for the demo client, and
 * onboarded Express accounts with payouts enabled for therapists 1–5
 * (therapist 6 is left un-onboarded), each announced with
 * payout.account_updated. Idempotent: Stripe calls carry keys from our ids
 * and rows are only added when missing. Skips with a log line when Stripe
 * (the embedded emulator) is unreachable.
 */
export async function seedDemo(args: SeedArgs): Promise<void> {
  const log = args.log ?? ((m: string) => console.log(m));
  const ctx = createPaymentsContext({ config: args.config, prisma: args.prisma, now: () => args.now });
  const m = buildPaymentsServices(ctx);
  try {
    try {
      await ctx.stripe.balance.retrieve();
    } catch (err) {
      log(
        `payments seed skipped: Stripe is unreachable (${(err as Error).message}); start the emulator and seed again`,
      );
      return;
    }
    const { client, therapists } = args.accounts;
    const customer = await m.cards.ensureCustomer(client.userId, client.email);
    const row = await args.prisma.paymentCustomer.findUniqueOrThrow({ where: { userId: client.userId } });
    if (!row.defaultPaymentMethodId) {
      const intent = await ctx.stripe.setupIntents.create(
        { customer, usage: 'off_session', metadata: { user_id: client.userId } },
        { idempotencyKey: `seed-setup-${client.userId}` },
      );
      if (intent.status !== 'succeeded') {
        await ctx.stripe.setupIntents.confirm(
          intent.id,
          { payment_method: 'pm_card_visa' },
          { idempotencyKey: `seed-setup-confirm-${client.userId}` },
        );
      }
      await m.cards.syncDefaultCard(customer);
    }
    for (const [i, t] of therapists.entries()) {
      const account = await m.payouts.ensureAccount(t.userId, t.email);
      if (i >= 5 || account.payoutsEnabled) continue;
      // Real Stripe test mode needs a person to complete hosted onboarding.
      if (!stripeEndpoint(args.config)) continue;
      await completeOnboarding(ctx.stripe, account.stripeAccountId, args.config);
      await m.payouts.syncAccount(account.stripeAccountId);
    }
    log(
      `payments seed: card for ${client.email}; payouts enabled for ${Math.min(5, therapists.length)} therapists`,
    );
  } finally {
    await ctx.close();
  }
}

/** Completes Express onboarding the way a therapist would: by opening the account link. */
async function completeOnboarding(
  stripe: import('stripe').default,
  accountId: string,
  config: Config,
): Promise<void> {
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: 'account_onboarding',
    refresh_url: `${config.PAYMENTS_PUBLIC_URL}/payouts/onboarding/refresh`,
    return_url: `${config.PAYMENTS_PUBLIC_URL}/payouts/onboarding/return`,
  });
  const res = await fetch(link.url);
  if (!res.ok) throw new Error(`onboarding ${accountId} failed with ${res.status}`);
}
