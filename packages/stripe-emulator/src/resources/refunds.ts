// Refunds of captured charges: full or partial, optionally reversing the destination
// transfer and refunding the application fee in proportion, as Stripe does.

import { invalidRequest, paramError } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { Params } from '../form.ts';
import type { Ctx } from '../host.ts';
import { paginate } from '../list.ts';
import type { Router } from '../router.ts';
import { newId, PLATFORM } from '../store.ts';
import type { Charge, Refund } from '../types.ts';
import { refundApplicationFee } from './application-fees.ts';
import { positiveAmount, reverseTransfer } from './transfers.ts';

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

function formatAmount(amount: number, currency: string): string {
  if (ZERO_DECIMAL.has(currency)) return `${amount} ${currency.toUpperCase()}`;
  const value = (amount / 100).toFixed(2);
  return currency === 'usd' ? `$${value}` : `${value} ${currency.toUpperCase()}`;
}

/** Share of `total` matching refund/captured, the remainder once the charge is fully refunded. */
function proportional(total: number, done: number, refund: number, captured: number, full: boolean): number {
  const remaining = total - done;
  return full ? remaining : Math.min(remaining, Math.round((total * refund) / captured));
}

function chargeToRefund(ctx: Ctx, chargeId: string | undefined, piId: string | undefined): Charge {
  const { store } = ctx.em;
  if (piId !== undefined) {
    const pi = store.paymentIntents.require(piId, 'payment_intent', 400);
    const latest = pi.latest_charge ? store.charges.get(pi.latest_charge) : undefined;
    if (pi.status !== 'succeeded' || latest === undefined) {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, {
        param: 'payment_intent',
      });
    }
    if (chargeId !== undefined && chargeId !== latest.id) {
      throw invalidRequest(`Charge ${chargeId} does not belong to PaymentIntent ${pi.id}.`, {
        param: 'charge',
      });
    }
    return latest;
  }
  const charge = store.charges.require(chargeId ?? '', 'charge', 400);
  if (charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${charge.id} has failed and cannot be refunded.`, { param: 'charge' });
  }
  if (!charge.captured) {
    throw invalidRequest(
      `Charge ${charge.id} has not been captured; cancel its PaymentIntent to release the authorization instead.`,
      { param: 'charge' },
    );
  }
  return charge;
}

function createRefund(ctx: Ctx, input: Params): Refund {
  const { store, clock } = ctx.em;
  const chargeId = input.str('charge');
  const piId = input.str('payment_intent');
  const requested = positiveAmount(input);
  const reason = input.oneOf('reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
  const metadata = input.metadata();
  const reverse = input.bool('reverse_transfer') ?? false;
  const refundFee = input.bool('refund_application_fee') ?? false;
  if (chargeId === undefined && piId === undefined) {
    throw paramError(
      'One of the following params should be provided for this request: payment_intent or charge.',
      {
        code: 'parameter_missing',
        param: 'charge',
      },
    );
  }
  const charge = chargeToRefund(ctx, chargeId, piId);
  const refundable = charge.amount_captured - charge.amount_refunded;
  if (refundable <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    });
  }
  const amount = requested ?? refundable;
  if (amount > refundable) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(refundable, charge.currency)})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  const refund: Refund = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: clock.now(),
    currency: charge.currency,
    destination_details: { card: { reference_status: 'pending', type: 'refund' }, type: 'card' },
    metadata,
    payment_intent: charge.payment_intent,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  store.refunds.put(refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  store.credit(PLATFORM, charge.currency, -amount);

  reverseShares(ctx, charge, refund, { reverse, refundFee });
  emitEvent(ctx, 'refund.created', refund);
  emitEvent(ctx, 'charge.refunded', charge);
  return refund;
}

/** A destination charge's refund takes back the transfer's and the fee's proportional shares, if asked. */
function reverseShares(
  ctx: Ctx,
  charge: Charge,
  refund: Refund,
  opts: { reverse: boolean; refundFee: boolean },
): void {
  const { store } = ctx.em;
  const { amount } = refund;
  const { reverse, refundFee } = opts;
  const full = charge.refunded;
  const transfer = reverse && charge.transfer ? store.transfers.get(charge.transfer) : undefined;
  if (transfer) {
    const share = proportional(
      transfer.amount,
      transfer.amount_reversed,
      amount,
      charge.amount_captured,
      full,
    );
    if (share > 0) refund.transfer_reversal = reverseTransfer(ctx, transfer, share, refund.id).id;
  }
  const fee =
    refundFee && charge.application_fee ? store.applicationFees.get(charge.application_fee) : undefined;
  if (fee) {
    const share = proportional(fee.amount, fee.amount_refunded, amount, charge.amount_captured, full);
    if (share > 0) refundApplicationFee(ctx, fee, share);
  }
}

export function registerRefunds(api: Router): void {
  api.post('/v1/refunds', ({ input, ctx }) => createRefund(ctx, input));

  api.get('/v1/refunds/:id', ({ params, ctx }) => ctx.em.store.refunds.require(params.id ?? ''));

  api.post('/v1/refunds/:id', ({ params, input, ctx }) => {
    const refund = ctx.em.store.refunds.require(params.id ?? '');
    refund.metadata = input.metadata(refund.metadata);
    emitEvent(ctx, 'refund.updated', refund);
    return refund;
  });

  api.get('/v1/refunds', ({ input, ctx }) => {
    const pi = input.str('payment_intent');
    const charge = input.str('charge');
    const rows = ctx.em.store.refunds.list(
      (r) => (pi === undefined || r.payment_intent === pi) && (charge === undefined || r.charge === charge),
    );
    return paginate(rows, input, '/v1/refunds');
  });
}
