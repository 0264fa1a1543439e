// Stripe list objects and cursor pagination (limit, starting_after, ending_before).
import { paramError } from './errors.ts';
import type { Params } from './form.ts';
import type { ListObject } from './types.ts';

/** `items` must already be newest first. */
export function paginate<T extends { id: string }>(items: T[], query: Params, url: string): ListObject<T> {
  const limit = query.int('limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw paramError('Invalid limit: must be between 1 and 100', { param: 'limit' });
  }
  const after = query.str('starting_after');
  const before = query.str('ending_before');
  let start = 0;
  let end = items.length;
  if (after) {
    start = items.findIndex((item) => item.id === after) + 1;
    if (start === 0) throw paramError(`Invalid starting_after id: ${after}`, { param: 'starting_after' });
  } else if (before) {
    end = items.findIndex((item) => item.id === before);
    if (end === -1) throw paramError(`Invalid ending_before id: ${before}`, { param: 'ending_before' });
    start = Math.max(0, end - limit);
  }
  const data = items.slice(start, Math.min(end, start + limit));
  const hasMore = before ? start > 0 : start + limit < end;
  return { object: 'list', data, has_more: hasMore, url };
}

/** An embedded sub-list such as `transfer.reversals`. */
export function subList<T>(data: T[], url: string): ListObject<T> & { total_count: number } {
  return { object: 'list', data, has_more: false, total_count: data.length, url };
}
