import { loadConfig } from '@mm/config';
import { eventRouteProblems } from '@mm/graphql-kit';
import { createPaymentsContext } from '@mm/payments/src/context.ts';
import { buildPaymentsModules } from '@mm/payments/src/modules/index.ts';
import { afterAll, expect, it } from 'vitest';

const ctx = createPaymentsContext({ config: loadConfig() });
afterAll(() => ctx.close());

it('payments’ modules handle exactly the events EVENT_ROUTES sends to payments, and every ops job has a processor', () => {
  const modules = buildPaymentsModules(ctx);
  expect(modules.map((m) => m.name)).toEqual(['ledger', 'cards', 'payouts', 'charges', 'webhooks']);
  expect(eventRouteProblems('payments', modules)).toEqual([]);
  const processors = modules.flatMap((m) => [
    ...Object.keys(m.jobs?.['payments-ops'] ?? {}),
    ...(m.schedules ?? []).map((s) => s.name),
  ]);
  // Every kind of OpsJob (shared/ops.ts) is processed by exactly one module.
  expect(processors.sort()).toEqual(
    ['due-holds', 'hold', 'payouts', 'reconcile', 'refund', 'settle', 'stripe-event', 'transfer'].sort(),
  );
});
