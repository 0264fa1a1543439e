// PaymentIntents: create, update, confirm, capture (full/partial), cancel, retrieve, list.
// requires_payment_method → requires_confirmation → (confirm) → requires_capture
// (manual) or succeeded (automatic). A decline leaves requires_payment_method with
// last_payment_error; an uncaptured authorization expires after 7 days (emulator clock).
import { CAPTURE_DECLINE } from '../cards.ts';
import { cardError, invalidRequest, unexpectedState } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { Params } from '../form.ts';
import type { Ctx } from '../host.ts';
import { paginate } from '../list.ts';
import type { Router } from '../router.ts';
import { newId, PLATFORM } from '../store.ts';
import type { Charge, PaymentIntent, PaymentMethod } from '../types.ts';
import { requireTransfersCapability } from './accounts.ts';
import { createApplicationFee } from './application-fees.ts';
import { createCharge } from './charges.ts';
import { requireCustomer } from './customer-lookup.ts';
import { checkFee, intentParams } from './payment-intent-params.ts';
import { attachPaymentMethod, resolvePaymentMethod, testCardOf } from './payment-methods.ts';
import { createTransfer, positiveAmount } from './transfers.ts';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];
const CANCEL_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;
/** Stripe's minimum charge amounts for common currencies (smallest unit). */
function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

/** A PaymentMethod saved to a customer can only be used together with that customer. */
function checkOwnership(pi: PaymentIntent, pm: PaymentMethod): void {
  if (pm.customer === null || pm.customer === pi.customer) return;
  const message =
    pi.customer === null
      ? `The PaymentMethod ${pm.id} belongs to the Customer ${pm.customer}. Please include the Customer in the \`customer\` parameter on the PaymentIntent.`
      : `The PaymentMethod ${pm.id} belongs to the Customer ${pm.customer}, not to the PaymentIntent's Customer ${pi.customer}.`;
  throw invalidRequest(message, { param: 'payment_method' });
}

/** Moves captured funds: platform balance, then transfer + application fee for destination charges. */
function settleCapture(
  ctx: Ctx,
  pi: PaymentIntent,
  charge: Charge,
  amount: number,
  fee: number | null,
): void {
  const { store } = ctx.em;
  charge.captured = true;
  charge.amount_captured = amount;
  charge.balance_transaction = newId('txn');
  charge.application_fee_amount = fee;
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  pi.application_fee_amount = fee;
  pi.status = 'succeeded';
  store.credit(PLATFORM, pi.currency, amount);
  const destinationId = pi.transfer_data?.destination;
  const destination = destinationId ? store.accounts.get(destinationId) : undefined;
  if (destination === undefined) return;
  const group = pi.transfer_group ?? `group_${pi.id}`;
  pi.transfer_group = group;
  charge.transfer_group = group;
  // Stripe's destination-charge flow: the full amount goes to the connected account,
  // then the application fee is collected from it for the platform.
  const transfer = createTransfer(ctx, {
    amount,
    currency: pi.currency,
    destination,
    sourceTransaction: charge.id,
    transferGroup: group,
    description: null,
    metadata: {},
  });
  charge.transfer = transfer.id;
  if (fee !== null && fee > 0)
    charge.application_fee = createApplicationFee(ctx, charge, fee, destination.id).id;
}

export function confirmIntent(ctx: Ctx, pi: PaymentIntent, pm: PaymentMethod | undefined): PaymentIntent {
  const { store } = ctx.em;
  if (!CONFIRMABLE.includes(pi.status)) {
    throw unexpectedState(
      'payment_intent',
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  const method = pm ?? (pi.payment_method ? store.paymentMethods.get(pi.payment_method) : undefined);
  if (method === undefined) {
    throw unexpectedState(
      'payment_intent',
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, specify a payment method with the payment_method parameter.",
    );
  }
  checkOwnership(pi, method);
  if (pi.transfer_data)
    requireTransfersCapability(ctx, pi.transfer_data.destination, 'transfer_data[destination]');
  pi.payment_method = method.id;
  const decline = testCardOf(ctx, method)?.decline;
  const charge = createCharge(ctx, pi, method, decline);
  pi.latest_charge = charge.id;

  if (decline) {
    pi.status = 'requires_payment_method';
    pi.payment_method = null;
    pi.last_payment_error = {
      type: 'card_error',
      code: decline.code,
      decline_code: decline.declineCode,
      doc_url: docUrl(decline.code),
      message: decline.message,
      charge: charge.id,
      payment_method: structuredClone(method),
    };
    emitEvent(ctx, 'charge.failed', charge);
    emitEvent(ctx, 'payment_intent.payment_failed', pi);
    throw cardError(decline.message, decline.code, decline.declineCode, {
      charge: charge.id,
      payment_intent: structuredClone(pi),
      payment_method: structuredClone(method),
    });
  }

  pi.last_payment_error = null;
  const customer = pi.customer ? store.customers.get(pi.customer) : undefined;
  if (pi.setup_future_usage && customer) attachPaymentMethod(ctx, method, customer);
  if (pi.capture_method === 'manual') {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    emitEvent(ctx, 'charge.succeeded', charge);
    emitEvent(ctx, 'payment_intent.amount_capturable_updated', pi);
  } else {
    settleCapture(ctx, pi, charge, pi.amount, pi.application_fee_amount);
    emitEvent(ctx, 'charge.succeeded', charge);
    emitEvent(ctx, 'payment_intent.succeeded', pi);
  }
  return pi;
}

function cancelIntent(ctx: Ctx, pi: PaymentIntent, reason: string | null, at: number): void {
  const charge = pi.latest_charge ? ctx.em.store.charges.get(pi.latest_charge) : undefined;
  if (pi.status === 'requires_capture' && charge) {
    // Releasing an authorization shows on the charge as a full refund.
    charge.amount_refunded = charge.amount;
    charge.refunded = true;
  }
  pi.status = 'canceled';
  pi.cancellation_reason = reason;
  pi.canceled_at = at;
  pi.amount_capturable = 0;
  if (reason === 'automatic' && charge) emitEvent(ctx, 'charge.expired', charge);
  emitEvent(ctx, 'payment_intent.canceled', pi);
}

/** Cancels manual-capture authorizations whose capture window (7 days) has passed. */
export function expireHolds(ctx: Ctx, now: number): void {
  const { store } = ctx.em;
  for (const pi of store.paymentIntents.list((p) => p.status === 'requires_capture').reverse()) {
    const charge = pi.latest_charge ? store.charges.get(pi.latest_charge) : undefined;
    const deadline = charge?.payment_method_details?.card.capture_before ?? null;
    if (deadline !== null && now >= deadline) cancelIntent(ctx, pi, 'automatic', deadline);
  }
}

function createIntent(ctx: Ctx, input: Params): PaymentIntent {
  const { store, clock } = ctx.em;
  const {
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
  } = intentParams(ctx, input);

  const id = newId('pi');
  const pi: PaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: fee,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: captureMethod ?? 'automatic',
    client_secret: `${id}_secret_${newId('s', 25).slice(2)}`,
    created: clock.now(),
    currency,
    customer: customerId ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata,
    next_action: null,
    on_behalf_of: onBehalfOf ?? null,
    payment_method: pm?.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    processing: null,
    review: null,
    shipping: null,
    source: null,
    status: pm ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: destinationId ? { destination: destinationId } : null,
    ...fields,
  };
  store.paymentIntents.put(pi);
  emitEvent(ctx, 'payment_intent.created', pi);
  return confirm ? confirmIntent(ctx, pi, pm) : pi;
}

function updateIntent(ctx: Ctx, pi: PaymentIntent, input: Params): PaymentIntent {
  const amount = positiveAmount(input);
  const fee = input.int('application_fee_amount');
  const metadata = input.metadata(pi.metadata);
  const description = input.optStr('description');
  const receiptEmail = input.optStr('receipt_email');
  const customerId = input.str('customer');
  const pmRef = input.str('payment_method');
  const restricted = amount !== undefined || customerId !== undefined || pmRef !== undefined;
  if (restricted && !CONFIRMABLE.includes(pi.status)) {
    throw unexpectedState(
      'payment_intent',
      `You cannot update this PaymentIntent because it has a status of ${pi.status}. Amount, customer and payment method can only be updated while the PaymentIntent is one of: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  checkFee(fee, amount ?? pi.amount, 'application_fee_amount');
  if (customerId !== undefined) requireCustomer(ctx, customerId, 'customer', 400);
  const pm = pmRef ? resolvePaymentMethod(ctx, pmRef, 'payment_method') : undefined;
  pi.metadata = metadata;
  if (amount !== undefined) pi.amount = amount;
  if (fee !== undefined) pi.application_fee_amount = fee;
  if (description !== undefined) pi.description = description;
  if (receiptEmail !== undefined) pi.receipt_email = receiptEmail;
  if (customerId !== undefined) pi.customer = customerId;
  if (pm) {
    pi.payment_method = pm.id;
    pi.status = 'requires_confirmation';
  }
  return pi;
}

function captureIntent(ctx: Ctx, pi: PaymentIntent, input: Params): PaymentIntent {
  const { store } = ctx.em;
  const requested = positiveAmount(input, 'amount_to_capture');
  const feeOverride = input.int('application_fee_amount');
  const metadata = input.metadata(pi.metadata);
  if (pi.status !== 'requires_capture') {
    throw unexpectedState(
      'payment_intent',
      `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be acted upon: requires_capture.`,
    );
  }
  const amount = requested ?? pi.amount_capturable;
  if (amount > pi.amount_capturable) {
    throw invalidRequest(
      `The amount_to_capture (${amount}) must be less than or equal to the PaymentIntent's amount_capturable (${pi.amount_capturable}).`,
      { code: 'amount_too_large', param: 'amount_to_capture' },
    );
  }
  const fee = feeOverride ?? pi.application_fee_amount;
  if (fee !== null && fee > amount) {
    throw invalidRequest(
      `The application_fee_amount (${fee}) cannot exceed the captured amount (${amount}).`,
      {
        param: 'application_fee_amount',
      },
    );
  }
  const charge = store.charges.require(pi.latest_charge ?? '', 'payment_intent', 400);
  const pm = pi.payment_method ? store.paymentMethods.get(pi.payment_method) : undefined;
  if (pm && testCardOf(ctx, pm)?.captureFails) {
    // The authorization stays valid: the PaymentIntent remains requires_capture.
    throw cardError(CAPTURE_DECLINE.message, CAPTURE_DECLINE.code, CAPTURE_DECLINE.declineCode, {
      charge: charge.id,
      payment_intent: structuredClone(pi),
      payment_method: structuredClone(pm),
    });
  }
  pi.metadata = metadata;
  settleCapture(ctx, pi, charge, amount, fee);
  emitEvent(ctx, 'charge.captured', charge);
  emitEvent(ctx, 'payment_intent.succeeded', pi);
  return pi;
}

export function registerPaymentIntents(api: Router): void {
  api.post('/v1/payment_intents', ({ input, ctx }) => createIntent(ctx, input));

  api.get('/v1/payment_intents/:id', ({ params, ctx }) =>
    ctx.em.store.paymentIntents.require(params.id ?? ''),
  );

  api.get('/v1/payment_intents', ({ input, ctx }) => {
    const customer = input.str('customer');
    const rows = ctx.em.store.paymentIntents.list((pi) => customer === undefined || pi.customer === customer);
    return paginate(rows, input, '/v1/payment_intents');
  });

  api.post('/v1/payment_intents/:id', ({ params, input, ctx }) =>
    updateIntent(ctx, ctx.em.store.paymentIntents.require(params.id ?? ''), input),
  );

  api.post('/v1/payment_intents/:id/confirm', ({ params, input, ctx }) => {
    const pi = ctx.em.store.paymentIntents.require(params.id ?? '');
    const pmRef = input.str('payment_method');
    const pm = pmRef ? resolvePaymentMethod(ctx, pmRef, 'payment_method') : undefined;
    return confirmIntent(ctx, pi, pm);
  });

  api.post('/v1/payment_intents/:id/capture', ({ params, input, ctx }) =>
    captureIntent(ctx, ctx.em.store.paymentIntents.require(params.id ?? ''), input),
  );

  api.post('/v1/payment_intents/:id/cancel', ({ params, input, ctx }) => {
    const pi = ctx.em.store.paymentIntents.require(params.id ?? '');
    const reason = input.oneOf('cancellation_reason', CANCEL_REASONS);
    if (!CANCELABLE.includes(pi.status)) {
      throw unexpectedState(
        'payment_intent',
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      );
    }
    cancelIntent(ctx, pi, reason ?? null, ctx.em.clock.now());
    return pi;
  });
}
