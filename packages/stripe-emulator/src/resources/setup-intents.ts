// SetupIntents: save a card for later off-session use.
// Flow: requires_payment_method → (payment_method set) requires_confirmation →
// confirm → succeeded, attaching the PaymentMethod to the customer.

import { cardError, invalidRequest, unexpectedState } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { Ctx } from '../host.ts';
import { paginate } from '../list.ts';
import type { ApiCall, Router } from '../router.ts';
import { newId } from '../store.ts';
import type { PaymentMethod, SetupIntent } from '../types.ts';
import { requireCustomer } from './customer-lookup.ts';
import { attachPaymentMethod, checkAttachable, resolvePaymentMethod, testCardOf } from './payment-methods.ts';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

function confirmSetup(ctx: Ctx, si: SetupIntent, pm: PaymentMethod | undefined): SetupIntent {
  const { store } = ctx.em;
  if (!CONFIRMABLE.includes(si.status)) {
    throw unexpectedState(
      'setup_intent',
      `You cannot confirm this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  const method = pm ?? (si.payment_method ? store.paymentMethods.get(si.payment_method) : undefined);
  if (method === undefined) {
    throw unexpectedState(
      'setup_intent',
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.",
    );
  }
  const card = testCardOf(ctx, method);
  // Stripe's decline cards fail the card check that saving a card runs.
  const decline = card?.attachable ? undefined : card?.decline;
  // Look the customer up and check ownership before anything changes.
  const customer = si.customer === null ? undefined : requireCustomer(ctx, si.customer, 'customer', 400);
  if (customer && !decline) checkAttachable(ctx, method, customer.id);
  si.payment_method = method.id;
  si.latest_attempt = newId('setatt');
  if (decline) {
    const { message, code, declineCode } = decline;
    si.status = 'requires_payment_method';
    si.payment_method = null;
    si.last_setup_error = {
      type: 'card_error',
      code,
      decline_code: declineCode,
      doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
      message,
      payment_method: structuredClone(method),
    };
    emitEvent(ctx, 'setup_intent.setup_failed', si);
    throw cardError(message, code, declineCode, {
      setup_intent: structuredClone(si),
      payment_method: structuredClone(method),
    });
  }
  if (customer) attachPaymentMethod(ctx, method, customer);
  si.status = 'succeeded';
  si.last_setup_error = null;
  emitEvent(ctx, 'setup_intent.succeeded', si);
  return si;
}

/** POST /v1/setup_intents, confirming at once when asked. */
function createSetupIntent({ input, ctx }: ApiCall): SetupIntent {
  const { store, clock } = ctx.em;
  const customerId = input.str('customer');
  const usage = input.oneOf('usage', ['off_session', 'on_session'] as const) ?? 'off_session';
  const confirm = input.bool('confirm') ?? false;
  const metadata = input.metadata();
  const description = input.optStr('description') ?? null;
  const types = input.strList('payment_method_types') ?? ['card'];
  const onBehalfOf = input.str('on_behalf_of') ?? null;
  const pmRef = input.str('payment_method');
  if (customerId !== undefined) requireCustomer(ctx, customerId, 'customer', 400);
  const pm = pmRef ? resolvePaymentMethod(ctx, pmRef, 'payment_method') : undefined;
  const id = newId('seti');
  const si: SetupIntent = {
    id,
    object: 'setup_intent',
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId('s', 25).slice(2)}`,
    created: clock.now(),
    customer: customerId ?? null,
    description,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata,
    next_action: null,
    on_behalf_of: onBehalfOf,
    payment_method: pm?.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: types,
    single_use_mandate: null,
    status: pm ? 'requires_confirmation' : 'requires_payment_method',
    usage,
  };
  store.setupIntents.put(si);
  emitEvent(ctx, 'setup_intent.created', si);
  return confirm ? confirmSetup(ctx, si, pm) : si;
}

export function registerSetupIntents(api: Router): void {
  api.post('/v1/setup_intents', createSetupIntent);

  api.get('/v1/setup_intents/:id', ({ params, ctx }) => ctx.em.store.setupIntents.require(params.id ?? ''));

  api.get('/v1/setup_intents', ({ input, ctx }) => {
    const customer = input.str('customer');
    const rows = ctx.em.store.setupIntents.list((si) => customer === undefined || si.customer === customer);
    return paginate(rows, input, '/v1/setup_intents');
  });

  api.post('/v1/setup_intents/:id', ({ params, input, ctx }) => {
    const si = ctx.em.store.setupIntents.require(params.id ?? '');
    const metadata = input.metadata(si.metadata);
    const description = input.optStr('description');
    const pmRef = input.str('payment_method');
    if (pmRef !== undefined && !CONFIRMABLE.includes(si.status)) {
      throw unexpectedState(
        'setup_intent',
        `You cannot update this SetupIntent because it has a status of ${si.status}.`,
      );
    }
    const pm = pmRef ? resolvePaymentMethod(ctx, pmRef, 'payment_method') : undefined;
    si.metadata = metadata;
    if (description !== undefined) si.description = description;
    if (pm) {
      si.payment_method = pm.id;
      si.status = 'requires_confirmation';
    }
    return si;
  });

  api.post('/v1/setup_intents/:id/confirm', ({ params, input, ctx }) => {
    const si = ctx.em.store.setupIntents.require(params.id ?? '');
    const pmRef = input.str('payment_method');
    const pm = pmRef ? resolvePaymentMethod(ctx, pmRef, 'payment_method') : undefined;
    return confirmSetup(ctx, si, pm);
  });

  api.post('/v1/setup_intents/:id/cancel', ({ params, input, ctx }) => {
    const si = ctx.em.store.setupIntents.require(params.id ?? '');
    const reason = input.oneOf('cancellation_reason', [
      'abandoned',
      'requested_by_customer',
      'duplicate',
    ] as const);
    if (!CANCELABLE.includes(si.status)) {
      throw invalidRequest(
        `You cannot cancel this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
        { code: 'setup_intent_unexpected_state' },
      );
    }
    si.status = 'canceled';
    si.cancellation_reason = reason ?? null;
    emitEvent(ctx, 'setup_intent.canceled', si);
    return si;
  });
}
