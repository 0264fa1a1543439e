// Payouts from an account's available balance to its bank account. A payout is
// `pending` until its arrival_date on the emulator clock, then `paid` (payout.paid).

import type { Payout } from '../connect-types.ts';
import { invalidRequest } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { Ctx } from '../host.ts';
import { paginate } from '../list.ts';
import type { ApiCall, Router } from '../router.ts';
import { newId, PLATFORM } from '../store.ts';
import { currencyParam, requiredAmount } from './transfers.ts';

const ARRIVAL_DELAY_SECONDS = 2 * 24 * 60 * 60;

const ownerKey = (ctx: Ctx): string => ctx.account ?? PLATFORM;

/** Marks pending payouts whose arrival date has passed as paid. */
export function settlePayouts(ctx: Ctx, now: number): void {
  const { store } = ctx.em;
  for (const payout of store.payouts.list((p) => p.status === 'pending' && p.arrival_date <= now).reverse()) {
    payout.status = 'paid';
    const owner = store.ownerOf.get(payout.id) ?? PLATFORM;
    emitEvent(ctx, 'payout.paid', payout, { account: owner === PLATFORM ? null : owner });
  }
}

/** POST /v1/payouts: from the connected account's available balance. */
function createPayout({ input, ctx }: ApiCall): Payout {
  const { store, clock } = ctx.em;
  const amount = requiredAmount(input);
  const currency = currencyParam(input);
  const method = input.oneOf('method', ['standard', 'instant'] as const) ?? 'standard';
  const metadata = input.metadata();
  const description = input.optStr('description') ?? null;
  const owner = ownerKey(ctx);
  const account = ctx.account ? store.accounts.get(ctx.account) : undefined;
  if (account && !account.payouts_enabled) {
    throw invalidRequest('Payouts are not enabled for this account. Complete onboarding before paying out.', {
      code: 'payouts_not_allowed',
    });
  }
  const available = store.available(owner, currency);
  if (amount > available) {
    throw invalidRequest(
      `You have insufficient funds in your Stripe account for this payout (available: ${available} ${currency}).`,
      { code: 'balance_insufficient', param: 'amount' },
    );
  }
  const now = clock.now();
  const payout: Payout = {
    id: newId('po'),
    object: 'payout',
    amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: method === 'instant' ? now : now + ARRIVAL_DELAY_SECONDS,
    automatic: false,
    balance_transaction: newId('txn'),
    created: now,
    currency,
    description,
    destination: account?.external_accounts.data[0]?.id ?? null,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata,
    method,
    original_payout: null,
    reconciliation_status: 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: input.optStr('statement_descriptor') ?? null,
    status: 'pending',
    type: 'bank_account',
  };
  store.payouts.put(payout);
  store.ownerOf.set(payout.id, owner);
  store.credit(owner, currency, -amount);
  emitEvent(ctx, 'payout.created', payout);
  if (payout.arrival_date <= now) settlePayouts(ctx, now);
  return payout;
}

export function registerPayouts(api: Router): void {
  api.post('/v1/payouts', createPayout);

  api.get('/v1/payouts/:id', ({ params, ctx }) => {
    const payout = ctx.em.store.payouts.require(params.id ?? '');
    if (ctx.em.store.ownerOf.get(payout.id) !== ownerKey(ctx)) {
      throw invalidRequest(`No such payout: '${payout.id}'`, {
        code: 'resource_missing',
        param: 'id',
        status: 404,
      });
    }
    return payout;
  });

  api.get('/v1/payouts', ({ input, ctx }) => {
    const { store } = ctx.em;
    const status = input.str('status');
    const owner = ownerKey(ctx);
    const rows = store.payouts.list(
      (p) => store.ownerOf.get(p.id) === owner && (status === undefined || p.status === status),
    );
    return paginate(rows, input, '/v1/payouts');
  });
}
