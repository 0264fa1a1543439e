// Customers: create, retrieve, update, delete, list.

import { invalidRequest } from '../errors.ts';
import { changedFields, emitEvent } from '../events.ts';
import type { Params } from '../form.ts';
import type { Ctx } from '../host.ts';
import { paginate } from '../list.ts';
import type { ApiCall, Router } from '../router.ts';
import { newId } from '../store.ts';
import type { Customer } from '../types.ts';
import { requireCustomer } from './customer-lookup.ts';
import { attachPaymentMethod, checkAttachable, resolvePaymentMethod } from './payment-methods.ts';

/** Reads the updatable fields first, so a bad parameter changes nothing. */
function readFields(input: Params, current: Customer) {
  const fields: Partial<Pick<Customer, 'email' | 'name' | 'phone' | 'description'>> = {};
  for (const key of ['email', 'name', 'phone', 'description'] as const) {
    const value = input.optStr(key);
    if (value !== undefined) fields[key] = value;
  }
  const metadata = input.metadata(current.metadata);
  const defaultPm = input.obj('invoice_settings')?.optStr('default_payment_method');
  return { fields, metadata, defaultPm };
}

function checkDefaultPm(
  ctx: Ctx,
  customerId: string,
  pmId: string | null | undefined,
  attaching?: string,
): void {
  if (pmId === null || pmId === undefined || pmId === attaching) return;
  if (ctx.em.store.paymentMethods.get(pmId)?.customer !== customerId) {
    throw invalidRequest(
      `No such PaymentMethod: '${pmId}'; it must be attached to customer ${customerId} before it can be its default.`,
      { code: 'resource_missing', param: 'invoice_settings[default_payment_method]' },
    );
  }
}

function deletedStub(id: string) {
  return { id, object: 'customer' as const, deleted: true as const };
}

/** POST /v1/customers. */
function createCustomer({ input, ctx }: ApiCall): Customer {
  const { store, clock } = ctx.em;
  const customer: Customer = {
    id: newId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: clock.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: null,
    invoice_prefix: newId('x', 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: input.strList('preferred_locales') ?? [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
  const { fields, metadata, defaultPm } = readFields(input, customer);
  const pmRef = input.str('payment_method');
  const pm = pmRef ? resolvePaymentMethod(ctx, pmRef, 'payment_method') : undefined;
  if (pm) checkAttachable(ctx, pm, customer.id);
  checkDefaultPm(ctx, customer.id, defaultPm, pm?.id ?? pmRef);
  Object.assign(customer, fields, { metadata });
  if (defaultPm !== undefined) customer.invoice_settings.default_payment_method = pm?.id ?? defaultPm;
  store.customers.put(customer);
  emitEvent(ctx, 'customer.created', customer);
  if (pm) attachPaymentMethod(ctx, pm, customer);
  return customer;
}

export function registerCustomers(api: Router): void {
  api.post('/v1/customers', createCustomer);

  api.get('/v1/customers/:id', ({ params, ctx }) => {
    const customer = ctx.em.store.customers.require(params.id ?? '');
    return customer.deleted ? deletedStub(customer.id) : customer;
  });

  api.post('/v1/customers/:id', ({ params, input, ctx }) => {
    const customer = requireCustomer(ctx, params.id ?? '');
    const { fields, metadata, defaultPm } = readFields(input, customer);
    checkDefaultPm(ctx, customer.id, defaultPm);
    const before = structuredClone(customer);
    Object.assign(customer, fields, { metadata });
    if (defaultPm !== undefined) customer.invoice_settings.default_payment_method = defaultPm;
    const previous = changedFields(before, customer);
    if (Object.keys(previous).length > 0) emitEvent(ctx, 'customer.updated', customer, { previous });
    return customer;
  });

  api.delete('/v1/customers/:id', ({ params, ctx }) => {
    const customer = requireCustomer(ctx, params.id ?? '');
    emitEvent(ctx, 'customer.deleted', customer);
    customer.deleted = true;
    for (const pm of ctx.em.store.paymentMethods.list((p) => p.customer === customer.id)) pm.customer = null;
    return deletedStub(customer.id);
  });

  api.get('/v1/customers', ({ input, ctx }) => {
    const email = input.str('email');
    const rows = ctx.em.store.customers.list((c) => !c.deleted && (email === undefined || c.email === email));
    return paginate(rows, input, '/v1/customers');
  });
}
