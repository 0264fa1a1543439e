// Transfers to connected accounts (explicit, or created by destination charges) and
// their reversals. Balances move immediately: platform → connected account.

import type { Account, Transfer, TransferReversal } from '../connect-types.ts';
import { invalidRequest, paramError } from '../errors.ts';
import { emitEvent } from '../events.ts';
import { missingParam, type Params } from '../form.ts';
import type { Ctx } from '../host.ts';
import { paginate, subList } from '../list.ts';
import type { ApiCall, Router } from '../router.ts';
import { newId, PLATFORM } from '../store.ts';
import type { Charge } from '../types.ts';
import { requireTransfersCapability } from './accounts.ts';

export interface TransferSpec {
  amount: number;
  currency: string;
  destination: Account;
  sourceTransaction: string | null;
  transferGroup: string | null;
  description: string | null;
  metadata: Record<string, string>;
}

export function createTransfer(ctx: Ctx, spec: TransferSpec): Transfer {
  const { store, clock } = ctx.em;
  const now = clock.now();
  const id = newId('tr');
  // The funds arrive on the connected account as a payment (py_), a charge there.
  const payment: Charge = {
    ...emptyPayment(now, spec.amount, spec.currency),
    id: newId('py'),
    source_transfer: id,
  };
  store.charges.put(payment);
  store.ownerOf.set(payment.id, spec.destination.id);
  const transfer: Transfer = {
    id,
    object: 'transfer',
    amount: spec.amount,
    amount_reversed: 0,
    balance_transaction: newId('txn'),
    created: now,
    currency: spec.currency,
    description: spec.description,
    destination: spec.destination.id,
    destination_payment: payment.id,
    livemode: false,
    metadata: spec.metadata,
    reversals: subList([], `/v1/transfers/${id}/reversals`),
    reversed: false,
    source_transaction: spec.sourceTransaction,
    source_type: 'card',
    transfer_group: spec.transferGroup,
  };
  store.transfers.put(transfer);
  store.credit(PLATFORM, spec.currency, -spec.amount);
  store.credit(spec.destination.id, spec.currency, spec.amount);
  emitEvent(ctx, 'transfer.created', transfer, { account: null });
  return transfer;
}

function emptyPayment(now: number, amount: number, currency: string): Omit<Charge, 'id'> {
  return {
    object: 'charge',
    amount,
    amount_captured: amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: newId('txn'),
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: 'STRIPE EMULATOR',
    captured: true,
    created: now,
    currency,
    customer: null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: true,
    payment_intent: null,
    payment_method: null,
    payment_method_details: null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

export function reverseTransfer(
  ctx: Ctx,
  transfer: Transfer,
  amount: number,
  sourceRefund: string | null,
  metadata: Record<string, string> = {},
): TransferReversal {
  const { store, clock } = ctx.em;
  const reversal: TransferReversal = {
    id: newId('trr'),
    object: 'transfer_reversal',
    amount,
    balance_transaction: newId('txn'),
    created: clock.now(),
    currency: transfer.currency,
    destination_payment_refund: null,
    metadata,
    source_refund: sourceRefund,
    transfer: transfer.id,
  };
  store.transferReversals.put(reversal);
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed >= transfer.amount;
  transfer.reversals.data.unshift(reversal);
  transfer.reversals.total_count = transfer.reversals.data.length;
  store.credit(transfer.destination, transfer.currency, -amount);
  store.credit(PLATFORM, transfer.currency, amount);
  emitEvent(ctx, 'transfer.reversed', transfer, { account: null });
  return reversal;
}

export function positiveAmount(input: Params, key = 'amount'): number | undefined {
  const amount = input.int(key);
  if (amount !== undefined && amount <= 0) {
    throw paramError('This value must be greater than or equal to 1.', { param: input.name(key) });
  }
  return amount;
}

export function requiredAmount(input: Params, key = 'amount'): number {
  const amount = positiveAmount(input, key);
  if (amount === undefined) throw missingParam(input.name(key));
  return amount;
}

export function currencyParam(input: Params, key = 'currency'): string {
  const currency = input.requiredStr(key).toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw paramError(`Invalid currency: ${currency}.`, { param: key });
  return currency;
}

/** POST /v1/transfers: to a connected account with the transfers capability. */
function postTransfer({ input, ctx }: ApiCall): Transfer {
  const amount = requiredAmount(input);
  const currency = currencyParam(input);
  const destinationId = input.requiredStr('destination');
  const sourceTransaction = input.str('source_transaction') ?? null;
  const metadata = input.metadata();
  const destination = requireTransfersCapability(ctx, destinationId, 'destination');
  if (sourceTransaction !== null) {
    const charge = ctx.em.store.charges.require(sourceTransaction, 'source_transaction', 400);
    if (charge.currency !== currency) {
      throw invalidRequest('The currency of source_transaction must match the transfer currency.', {
        param: 'currency',
      });
    }
  }
  return createTransfer(ctx, {
    amount,
    currency,
    destination,
    sourceTransaction,
    transferGroup: input.str('transfer_group') ?? null,
    description: input.optStr('description') ?? null,
    metadata,
  });
}

/** POST /v1/transfers/:id/reversals: at most the unreversed amount. */
function createReversal({ params, input, ctx }: ApiCall): TransferReversal {
  const transfer = ctx.em.store.transfers.require(params.id ?? '');
  const remaining = transfer.amount - transfer.amount_reversed;
  const amount = positiveAmount(input) ?? remaining;
  const metadata = input.metadata();
  if (remaining === 0) throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`);
  if (amount > remaining) {
    throw invalidRequest(
      `Reversal amount (${amount}) is greater than the unreversed amount on transfer (${remaining}).`,
      {
        code: 'amount_too_large',
        param: 'amount',
      },
    );
  }
  return reverseTransfer(ctx, transfer, amount, null, metadata);
}

export function registerTransfers(api: Router): void {
  api.post('/v1/transfers', postTransfer);

  api.get('/v1/transfers/:id', ({ params, ctx }) => ctx.em.store.transfers.require(params.id ?? ''));

  api.post('/v1/transfers/:id', ({ params, input, ctx }) => {
    const transfer = ctx.em.store.transfers.require(params.id ?? '');
    const description = input.optStr('description');
    transfer.metadata = input.metadata(transfer.metadata);
    if (description !== undefined) transfer.description = description;
    emitEvent(ctx, 'transfer.updated', transfer, { account: null });
    return transfer;
  });

  api.get('/v1/transfers', ({ input, ctx }) => {
    const destination = input.str('destination');
    const group = input.str('transfer_group');
    const rows = ctx.em.store.transfers.list(
      (t) =>
        (destination === undefined || t.destination === destination) &&
        (group === undefined || t.transfer_group === group),
    );
    return paginate(rows, input, '/v1/transfers');
  });

  api.post('/v1/transfers/:id/reversals', createReversal);

  api.get('/v1/transfers/:id/reversals', ({ params, input, ctx }) => {
    const transfer = ctx.em.store.transfers.require(params.id ?? '');
    return paginate(transfer.reversals.data, input, transfer.reversals.url);
  });
}
