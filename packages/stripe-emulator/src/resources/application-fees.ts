// Application fees collected on destination charges, and their refunds. The fee is
// taken from the connected account (which received the full charge) to the platform.

import type { ApplicationFee, FeeRefund } from '../connect-types.ts';
import { emitEvent } from '../events.ts';
import type { Ctx } from '../host.ts';
import { paginate, subList } from '../list.ts';
import type { Router } from '../router.ts';
import { newId, PLATFORM } from '../store.ts';
import type { Charge } from '../types.ts';

/** The platform's Connect application id, as seen on fee objects. */
export const PLATFORM_APPLICATION = 'ca_emulatorPlatformApplication';

export function createApplicationFee(
  ctx: Ctx,
  charge: Charge,
  amount: number,
  account: string,
): ApplicationFee {
  const { store, clock } = ctx.em;
  const id = newId('fee');
  const fee: ApplicationFee = {
    id,
    object: 'application_fee',
    account,
    amount,
    amount_refunded: 0,
    application: PLATFORM_APPLICATION,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: clock.now(),
    currency: charge.currency,
    fee_source: { charge: charge.id, type: 'charge' },
    livemode: false,
    originating_transaction: null,
    refunded: false,
    refunds: subList([], `/v1/application_fees/${id}/refunds`),
  };
  store.applicationFees.put(fee);
  store.credit(account, charge.currency, -amount);
  store.credit(PLATFORM, charge.currency, amount);
  emitEvent(ctx, 'application_fee.created', fee, { account: null });
  return fee;
}

export function refundApplicationFee(ctx: Ctx, fee: ApplicationFee, amount: number): FeeRefund {
  const { store, clock } = ctx.em;
  const refund: FeeRefund = {
    id: newId('fr'),
    object: 'fee_refund',
    amount,
    balance_transaction: newId('txn'),
    created: clock.now(),
    currency: fee.currency,
    fee: fee.id,
    metadata: {},
  };
  fee.amount_refunded += amount;
  fee.refunded = fee.amount_refunded >= fee.amount;
  fee.refunds.data.unshift(refund);
  fee.refunds.total_count = fee.refunds.data.length;
  store.credit(PLATFORM, fee.currency, -amount);
  store.credit(fee.account, fee.currency, amount);
  emitEvent(ctx, 'application_fee.refunded', fee, { account: null });
  return refund;
}

export function registerApplicationFees(api: Router): void {
  api.get('/v1/application_fees/:id', ({ params, ctx }) =>
    ctx.em.store.applicationFees.require(params.id ?? ''),
  );

  api.get('/v1/application_fees', ({ input, ctx }) => {
    const charge = input.str('charge');
    const rows = ctx.em.store.applicationFees.list((fee) => charge === undefined || fee.charge === charge);
    return paginate(rows, input, '/v1/application_fees');
  });

  api.get('/v1/application_fees/:id/refunds', ({ params, input, ctx }) => {
    const fee = ctx.em.store.applicationFees.require(params.id ?? '');
    return paginate(fee.refunds.data, input, fee.refunds.url);
  });
}
