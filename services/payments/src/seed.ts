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
 * and rows are only added when missing. It does not trust its own earlier run:
 * a customer, card or account our rows name but Stripe no longer has is
 * re-created. Skips with a log line when Stripe (the embedded emulator) is unreachable.
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
    const customer = await presentCustomer(ctx, m, args, client, log);
    const row = await args.prisma.paymentCustomer.findUniqueOrThrow({ where: { userId: client.userId } });
    const card = row.defaultPaymentMethodId;
    if (!card || !(await stripeHas(() => ctx.stripe.paymentMethods.retrieve(card)))) {
      // Keys name the customer, so a re-created customer gets its own card.
      const intent = await ctx.stripe.setupIntents.create(
        { customer, usage: 'off_session', metadata: { user_id: client.userId } },
        { idempotencyKey: `seed-setup-${customer}` },
      );
      if (intent.status !== 'succeeded') {
        await ctx.stripe.setupIntents.confirm(
          intent.id,
          { payment_method: 'pm_card_visa' },
          { idempotencyKey: `seed-setup-confirm-${customer}` },
        );
      }
      await m.cards.syncDefaultCard(customer);
    }
    for (const [i, t] of therapists.entries()) {
      const account = await presentAccount(ctx, m, args, t, log);
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

type PaymentsContext = ReturnType<typeof createPaymentsContext>;
type PaymentsModules = ReturnType<typeof buildPaymentsServices>;

/** Whether Stripe still has an object our rows name (a restarted emulator or a deleted test object may not). */
async function stripeHas(retrieve: () => Promise<object>): Promise<boolean> {
  try {
    const found = (await retrieve()) as { deleted?: unknown };
    return found.deleted !== true;
  } catch (err) {
    if ((err as { code?: string }).code === 'resource_missing') return false;
    throw err;
  }
}

/** The client's Stripe customer, re-created (and our row repointed) when Stripe no longer has it. */
async function presentCustomer(
  ctx: PaymentsContext,
  m: PaymentsModules,
  args: SeedArgs,
  client: SeedAccounts['client'],
  log: (message: string) => void,
): Promise<string> {
  const known = await m.cards.ensureCustomer(client.userId, client.email);
  if (await stripeHas(() => ctx.stripe.customers.retrieve(known))) return known;
  const fresh = await ctx.stripe.customers.create(
    { email: client.email, metadata: { user_id: client.userId } },
    { idempotencyKey: `customer-${client.userId}-replaces-${known}` },
  );
  await args.prisma.paymentCustomer.update({
    where: { userId: client.userId },
    data: { stripeCustomerId: fresh.id, defaultPaymentMethodId: null },
  });
  log(`payments seed: Stripe had no customer ${known}; re-created it as ${fresh.id}`);
  return fresh.id;
}

/** The therapist's connected account, re-created (not onboarded yet) when Stripe no longer has it. */
async function presentAccount(
  ctx: PaymentsContext,
  m: PaymentsModules,
  args: SeedArgs,
  therapist: SeedAccounts['therapists'][number],
  log: (message: string) => void,
) {
  const known = await m.payouts.ensureAccount(therapist.userId, therapist.email);
  if (await stripeHas(() => ctx.stripe.accounts.retrieve(known.stripeAccountId))) return known;
  const fresh = await ctx.stripe.accounts.create(
    {
      type: 'express',
      country: 'US',
      email: therapist.email,
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: { therapist_id: therapist.userId },
    },
    { idempotencyKey: `account-${therapist.userId}-replaces-${known.stripeAccountId}` },
  );
  log(`payments seed: Stripe had no account ${known.stripeAccountId}; re-created it as ${fresh.id}`);
  return args.prisma.payoutAccount.update({
    where: { therapistId: therapist.userId },
    data: {
      stripeAccountId: fresh.id,
      detailsSubmitted: false,
      chargesEnabled: false,
      payoutsEnabled: false,
      transfersActive: false,
    },
  });
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
