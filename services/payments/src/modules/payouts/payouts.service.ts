import { randomUUID } from 'node:crypto';
import type { PayoutAccount, TransactionClient } from '@mm/db';
import { requireRole, type Viewer } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import { ledger } from '../ledger/ledger.policy.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { enqueueOps, opsJobId } from '../shared/ops.ts';
import { majorCurrency } from '../shared/stripe.ts';
import {
  accountByStripeId,
  accountOfTherapist,
  bookingsOwedTransfer,
  getAccountByStripeId,
  getAccountOfTherapist,
  insertAccount,
  lockPayoutAccount,
  payableAccounts,
  updateAccountFlags,
} from './payouts.repository.ts';

/** Therapists' Express accounts: onboarding, status from Stripe, payouts. */
export class PayoutsService {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly ledgerService: LedgerService,
  ) {}

  async accountOf(therapistId: string): Promise<PayoutAccount | null> {
    return accountOfTherapist(this.ctx.prisma, therapistId);
  }

  /** The signed-in therapist's ledger balances and payout account. */
  async earnings(viewer: Viewer | null) {
    const v = requireRole(viewer, 'THERAPIST');
    const balances = await this.ledgerService.forTherapist(v.userId);
    return { balances, account: await this.accountOf(v.userId) };
  }

  /** Creates the Express account once (idempotency key from the therapist id). */
  async ensureAccount(therapistId: string, email?: string): Promise<PayoutAccount> {
    const existing = await this.accountOf(therapistId);
    if (existing) return existing;
    const account = await this.ctx.stripe.accounts.create(
      {
        type: 'express',
        country: 'US',
        ...(email ? { email } : {}),
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        metadata: { therapist_id: therapistId },
      },
      { idempotencyKey: `account-${therapistId}` },
    );
    await insertAccount(this.ctx.prisma, therapistId, account.id);
    return getAccountOfTherapist(this.ctx.prisma, therapistId);
  }

  /** A fresh onboarding link (links are single-use and short-lived). */
  async startOnboarding(viewer: Viewer | null): Promise<{ url: string; account: PayoutAccount }> {
    const v = requireRole(viewer, 'THERAPIST');
    const account = await this.ensureAccount(v.userId);
    const base = this.ctx.config.PAYMENTS_PUBLIC_URL.replace(/\/$/, '');
    const link = await this.ctx.stripe.accountLinks.create({
      account: account.stripeAccountId,
      type: 'account_onboarding',
      refresh_url: `${base}/payouts/onboarding/refresh`,
      return_url: `${base}/payouts/onboarding/return`,
    });
    return { url: link.url, account };
  }

  async status(viewer: Viewer | null): Promise<PayoutAccount | null> {
    const v = requireRole(viewer, 'THERAPIST');
    return this.accountOf(v.userId);
  }

  /**
   * Re-reads the account from Stripe and stores its flags. Emits
   * payout.account_updated only when something changed, so replays and
   * out-of-order account.updated events change nothing.
   */
  async syncAccount(stripeAccountId: string): Promise<void> {
    const row = await accountByStripeId(this.ctx.prisma, stripeAccountId);
    if (!row) return;
    const account = await this.ctx.stripe.accounts.retrieve(stripeAccountId);
    const next = flagsOf(account);
    await this.ctx.prisma.$transaction(async (tx) => {
      if (!(await lockPayoutAccount(tx, stripeAccountId))) return;
      const current = await getAccountByStripeId(tx, stripeAccountId);
      const changed =
        current.detailsSubmitted !== next.detailsSubmitted ||
        current.chargesEnabled !== next.chargesEnabled ||
        current.payoutsEnabled !== next.payoutsEnabled ||
        current.transfersActive !== next.transfersActive;
      if (!changed) return;
      await updateAccountFlags(tx, stripeAccountId, next);
      await emitEvent(tx, {
        type: 'payout.account_updated',
        aggregateType: 'PayoutAccount',
        aggregateId: current.therapistId,
        payload: {
          therapistId: current.therapistId,
          payoutsEnabled: next.payoutsEnabled,
          chargesEnabled: next.chargesEnabled,
        },
      });
      if (next.payoutsEnabled && next.transfersActive) await this.queueOwedTransfers(tx, current.therapistId);
    });
  }

  /** Transfers that waited for the therapist's onboarding go out now (jobs written in the caller's transaction). */
  async queueOwedTransfers(tx: TransactionClient, therapistId: string): Promise<void> {
    for (const bookingId of await bookingsOwedTransfer(tx, therapistId)) {
      const job = { kind: 'transfer' as const, bookingId };
      // A new id each time: an earlier transfer job for this booking may have completed already.
      await enqueueOps(tx, job, { jobId: `${opsJobId(job)}-${randomUUID()}` });
    }
  }

  /**
   * Pays out each onboarded therapist's available Stripe balance (Express
   * accounts on Stripe may also pay out automatically; both end up in the
   * ledger through payout.created).
   */
  async runPayouts(): Promise<number> {
    const accounts = await payableAccounts(this.ctx.prisma);
    let count = 0;
    const day = this.ctx.now().toISOString().slice(0, 10);
    for (const account of accounts) {
      const balance = await this.ctx.stripe.balance.retrieve({}, { stripeAccount: account.stripeAccountId });
      for (const available of balance.available) {
        if (available.amount <= 0) continue;
        const payout = await this.ctx.stripe.payouts.create(
          {
            amount: available.amount,
            currency: available.currency,
            metadata: { therapist_id: account.therapistId },
          },
          {
            stripeAccount: account.stripeAccountId,
            idempotencyKey: `payout-${account.therapistId}-${day}-${available.currency}-${available.amount}`,
          },
        );
        await this.recordPayout(account.stripeAccountId, payout);
        count += 1;
      }
    }
    return count;
  }

  async recordPayout(stripeAccountId: string, payout: Stripe.Payout): Promise<void> {
    const account = await accountByStripeId(this.ctx.prisma, stripeAccountId);
    if (!account || payout.amount <= 0) return;
    await this.ledgerService.record(
      this.ctx.prisma,
      ledger.payout(
        { bookingId: null, therapistId: account.therapistId, currency: majorCurrency(payout.currency) },
        payout.amount,
        payout.id,
      ),
      new Date(payout.created * 1000),
    );
  }

  /** Re-reads a payout (on payout.* events) and records it once. */
  async syncPayout(stripeAccountId: string, payoutId: string): Promise<void> {
    const payout = await this.ctx.stripe.payouts.retrieve(payoutId, {}, { stripeAccount: stripeAccountId });
    if (payout.status === 'failed' || payout.status === 'canceled') return;
    await this.recordPayout(stripeAccountId, payout);
  }
}

function flagsOf(account: Stripe.Account) {
  return {
    detailsSubmitted: account.details_submitted ?? false,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    transfersActive: account.capabilities?.transfers === 'active',
  };
}
