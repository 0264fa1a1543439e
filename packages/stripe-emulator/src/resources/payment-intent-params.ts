// The PaymentIntent create parameters: validated in Stripe's order, then the
// referenced objects looked up.

import { paramError } from '../errors.ts';
import type { Params } from '../form.ts';
import type { Ctx } from '../host.ts';
import { requireAccount, requireTransfersCapability } from './accounts.ts';
import { requireCustomer } from './customer-lookup.ts';
import { resolvePaymentMethod } from './payment-methods.ts';
import { currencyParam } from './transfers.ts';

const MIN_AMOUNT: Record<string, number> = { usd: 50, eur: 50, cad: 50, aud: 50, nzd: 50, chf: 50, gbp: 30 };

export function checkFee(fee: number | null | undefined, amount: number, param: string): void {
  if (fee !== undefined && fee !== null && (fee < 0 || fee > amount)) {
    throw paramError(`The ${param} must be between 0 and the amount (${amount}).`, { param });
  }
}

function offSessionParam(input: Params): boolean {
  const raw = input.str('off_session');
  return raw === 'true' || raw === 'one_off' || raw === 'recurring';
}

/** The create parameters, validated; referenced objects looked up after all parameters validated. */
export function intentParams(ctx: Ctx, input: Params) {
  const amount = input.requiredInt('amount');
  const currency = currencyParam(input);
  const minimum = MIN_AMOUNT[currency] ?? 1;
  if (amount < minimum) {
    throw paramError(`Amount must be at least ${minimum} ${currency} (smallest currency unit)`, {
      code: 'amount_too_small',
      param: 'amount',
    });
  }
  const captureMethod = input.oneOf('capture_method', ['automatic', 'automatic_async', 'manual'] as const);
  const confirm = input.bool('confirm') ?? false;
  const offSession = offSessionParam(input);
  if (offSession && !confirm) {
    throw paramError('You can only pass off_session when also passing confirm=true.', {
      param: 'off_session',
    });
  }
  const fee = input.int('application_fee_amount') ?? null;
  checkFee(fee, amount, 'application_fee_amount');
  const destinationId = input.obj('transfer_data')?.requiredStr('destination');
  if (fee !== null && destinationId === undefined && ctx.account === null) {
    throw paramError(
      'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
      { param: 'application_fee_amount' },
    );
  }
  const metadata = input.metadata();
  const fields = intentFields(input);
  // Referenced objects are looked up after all parameters validated.
  const customerId = input.str('customer');
  if (customerId !== undefined) requireCustomer(ctx, customerId, 'customer', 400);
  if (destinationId !== undefined)
    requireTransfersCapability(ctx, destinationId, 'transfer_data[destination]');
  const onBehalfOf = input.str('on_behalf_of');
  if (onBehalfOf !== undefined) requireAccount(ctx, onBehalfOf, 'on_behalf_of');
  const pmRef = input.str('payment_method');
  const pm = pmRef ? resolvePaymentMethod(ctx, pmRef, 'payment_method') : undefined;
  return {
    amount,
    currency,
    captureMethod,
    confirm,
    fee,
    destinationId,
    metadata,
    fields,
    customerId,
    onBehalfOf,
    pm,
  };
}

/** The optional descriptive fields, copied onto the PaymentIntent as given. */
function intentFields(input: Params) {
  return {
    description: input.optStr('description') ?? null,
    receipt_email: input.optStr('receipt_email') ?? null,
    statement_descriptor: input.optStr('statement_descriptor') ?? null,
    statement_descriptor_suffix: input.optStr('statement_descriptor_suffix') ?? null,
    transfer_group: input.optStr('transfer_group') ?? null,
    setup_future_usage: input.oneOf('setup_future_usage', ['off_session', 'on_session'] as const) ?? null,
    payment_method_types: input.strList('payment_method_types') ?? ['card'],
    confirmation_method: input.oneOf('confirmation_method', ['automatic', 'manual'] as const) ?? 'automatic',
  };
}
