// Events API: retrieve and list (newest first), filterable by type.
import { paginate } from '../list.ts';
import type { Router } from '../router.ts';

export function registerEvents(api: Router): void {
  api.get('/v1/events/:id', ({ params, ctx }) => ctx.em.store.events.require(params.id ?? ''));

  api.get('/v1/events', ({ input, ctx }) => {
    const type = input.str('type');
    const types = input.strList('types');
    const matches = (eventType: string): boolean => {
      if (types !== undefined) return types.includes(eventType);
      if (type === undefined) return true;
      // Stripe allows a trailing wildcard: `payment_intent.*`.
      return type.endsWith('*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type;
    };
    const rows = ctx.em.store.events.list((event) => matches(event.type));
    return paginate(rows, input, '/v1/events');
  });
}
