// A live customer by id; its own file so payment methods and customers need not import each other.

import { invalidRequest } from '../errors.ts';
import type { Ctx } from '../host.ts';
import type { Customer } from '../types.ts';

export function requireCustomer(ctx: Ctx, id: string, param = 'id', status = 404): Customer {
  const customer = ctx.em.store.customers.require(id, param, status);
  if (customer.deleted)
    throw invalidRequest(`No such customer: '${id}'`, { code: 'resource_missing', param, status });
  return customer;
}
