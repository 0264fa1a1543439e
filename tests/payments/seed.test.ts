// Issue 12 item 5: the payments seed checks that the Stripe objects our rows name
// still exist, and re-creates what is missing instead of trusting its earlier run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '@mm/payments/seed';
import { startStripeEmulator } from '@mm/stripe-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack, TestClock } from '../harness/index.ts';
import { stripeOf, userUuid } from './helpers.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let accounts: Parameters<typeof seedDemo>[0]['accounts'];
const logs: string[] = [];

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'payments'], now: clock.now });
  const [client, t1, t2] = await Promise.all([
    signUp(stack, 'CLIENT'),
    signUp(stack, 'THERAPIST'),
    signUp(stack, 'THERAPIST'),
  ]);
  accounts = {
    admin: { userId: userUuid(client.id), email: client.email },
    client: { userId: userUuid(client.id), email: client.email },
    therapists: [t1, t2].map((t, i) => ({
      userId: userUuid(t.id),
      email: t.email,
      fullName: `Therapist ${i}`,
    })),
  };
});
afterAll(() => stack.close());

const seed = () =>
  seedDemo({
    prisma: stack.prisma,
    config: stack.config,
    now: clock.now(),
    accounts,
    log: (m) => logs.push(m),
  });

const customerRow = () =>
  stack.prisma.paymentCustomer.findUniqueOrThrow({ where: { userId: accounts.client.userId } });
const accountRow = (i: number) =>
  stack.prisma.payoutAccount.findUniqueOrThrow({ where: { therapistId: accounts.therapists[i]!.userId } });

describe('payments seed against Stripe', () => {
  it('first run: a customer with a card and onboarded accounts; a second run changes nothing', async () => {
    await seed();
    const customer = await customerRow();
    expect(customer.defaultPaymentMethodId).toMatch(/^pm_/);
    const stripe = stripeOf(stack);
    expect(
      ((await stripe.customers.retrieve(customer.stripeCustomerId)) as { deleted?: boolean }).deleted,
    ).not.toBe(true);
    const first = await Promise.all([accountRow(0), accountRow(1)]);
    expect(first.map((a) => a.payoutsEnabled)).toEqual([true, true]);

    await seed();
    expect(await customerRow()).toMatchObject({
      stripeCustomerId: customer.stripeCustomerId,
      defaultPaymentMethodId: customer.defaultPaymentMethodId,
    });
    expect((await accountRow(0)).stripeAccountId).toBe(first[0]?.stripeAccountId);
    expect((await stripe.customers.list({ limit: 10 })).data).toHaveLength(1);
  });

  it('a customer and an account deleted at Stripe are re-created by the next seed, with a card and onboarding', async () => {
    const stripe = stripeOf(stack);
    const before = await customerRow();
    const beforeAccount = await accountRow(1);
    await stripe.customers.del(before.stripeCustomerId);
    await stripe.accounts.del(beforeAccount.stripeAccountId);

    await seed();
    const after = await customerRow();
    expect(after.stripeCustomerId).not.toBe(before.stripeCustomerId);
    const fresh = (await stripe.customers.retrieve(after.stripeCustomerId)) as {
      deleted?: boolean;
      email?: string;
    };
    expect(fresh.deleted).not.toBe(true);
    expect(fresh.email).toBe(accounts.client.email);
    expect(after.defaultPaymentMethodId).toMatch(/^pm_/);
    expect(after.defaultPaymentMethodId).not.toBe(before.defaultPaymentMethodId);
    const card = await stripe.paymentMethods.retrieve(after.defaultPaymentMethodId!);
    expect(card.customer).toBe(after.stripeCustomerId);

    const account = await accountRow(1);
    expect(account.stripeAccountId).not.toBe(beforeAccount.stripeAccountId);
    expect((await stripe.accounts.retrieve(account.stripeAccountId)).id).toBe(account.stripeAccountId);
    expect(account.payoutsEnabled).toBe(true);
    // The untouched account is kept as it was.
    expect((await accountRow(0)).payoutsEnabled).toBe(true);
    expect(logs.filter((l) => /re-created/.test(l))).toHaveLength(2);
  });

  it('an emulator restarted on its state file still has every seeded object: the next seed re-creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-stripe-state-'));
    const stateFile = join(dir, 'stripe.json');
    try {
      // A separate emulator with a state file, as `npm start` runs it; the rows are repointed at it first.
      await stack.prisma.paymentCustomer.deleteMany({ where: { userId: accounts.client.userId } });
      await stack.prisma.payoutAccount.deleteMany({
        where: { therapistId: { in: accounts.therapists.map((t) => t.userId) } },
      });
      const first = await startStripeEmulator({ stateFile });
      const seedAt = (url: string) =>
        seedDemo({
          prisma: stack.prisma,
          config: { ...stack.config, STRIPE_API_URL: url },
          now: clock.now(),
          accounts,
          log: (m) => logs.push(m),
        });
      await seedAt(first.url);
      const seeded = { customer: await customerRow(), account: await accountRow(0) };
      await first.close();

      const second = await startStripeEmulator({ stateFile });
      const before = logs.length;
      await seedAt(second.url);
      expect(logs.slice(before).filter((l) => /re-created/.test(l))).toEqual([]);
      expect(await customerRow()).toMatchObject({
        stripeCustomerId: seeded.customer.stripeCustomerId,
        defaultPaymentMethodId: seeded.customer.defaultPaymentMethodId,
      });
      expect(await accountRow(0)).toMatchObject({
        stripeAccountId: seeded.account.stripeAccountId,
        payoutsEnabled: true,
      });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
