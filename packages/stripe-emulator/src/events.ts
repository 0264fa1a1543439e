// Creating Events: every state change records one and hands it to webhook delivery.
import type { Ctx } from './host.ts';
import { newId } from './store.ts';
import type { StripeEvent, StripeObject } from './types.ts';

export interface EmitOptions {
  previous?: Record<string, unknown>;
  /** Connected account the event belongs to (defaults to the request's Stripe-Account). */
  account?: string | null;
}

export function emitEvent(ctx: Ctx, type: string, object: StripeObject, opts: EmitOptions = {}): StripeEvent {
  const { em } = ctx;
  const account = opts.account !== undefined ? opts.account : ctx.account;
  const targets = em.targets(type);
  const event: StripeEvent = {
    id: newId('evt'),
    object: 'event',
    ...(account ? { account } : {}),
    api_version: em.apiVersion,
    created: em.clock.now(),
    data: {
      object: structuredClone(object),
      ...(opts.previous ? { previous_attributes: structuredClone(opts.previous) } : {}),
    },
    livemode: false,
    pending_webhooks: targets.length,
    request: { id: ctx.requestId, idempotency_key: ctx.idempotencyKey },
    type,
  };
  em.store.events.put(event);
  em.webhooks.enqueue(event, targets);
  return event;
}

/** The previous values of the top-level fields that differ between two snapshots. */
export function changedFields<T extends object>(before: T, after: T): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    const next: unknown = (after as Record<string, unknown>)[key];
    if (JSON.stringify(value) !== JSON.stringify(next)) previous[key] = value;
  }
  return previous;
}
