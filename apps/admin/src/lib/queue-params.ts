/**
 * The vetting queue's filters and page position live in the URL, so reloads,
 * the back button and shared links keep the admin's place.
 */
export const STATUSES = [
  'SUBMITTED',
  'IN_REVIEW',
  'NEEDS_INFO',
  'APPROVED',
  'SUSPENDED',
  'REJECTED',
  'DRAFT',
] as const;
export type Status = (typeof STATUSES)[number];

export interface QueueParams {
  status: Status;
  jurisdiction: string;
  /** Submitted at least this many days ago. */
  minAgeDays: number | null;
  /** A verified license or policy expires within this many days. */
  expiringWithinDays: number | null;
  /** Cursors of the pages before this one (the first page has none). */
  cursors: string[];
}

const positive = (v: string | null) => {
  if (!v || !/^\d{1,4}$/.test(v)) return null;
  const n = Number(v);
  return n > 0 ? n : null;
};

export function parseQueueParams(search: string): QueueParams {
  const p = new URLSearchParams(search);
  const status = p.get('status');
  return {
    status: STATUSES.includes(status as Status) ? (status as Status) : 'SUBMITTED',
    jurisdiction: (p.get('jurisdiction') ?? '').toUpperCase().slice(0, 6),
    minAgeDays: positive(p.get('minAge')),
    expiringWithinDays: positive(p.get('expiring')),
    cursors: p.getAll('after').filter(Boolean),
  };
}

export function queueSearch(q: QueueParams): string {
  const p = new URLSearchParams();
  p.set('status', q.status);
  if (q.jurisdiction) p.set('jurisdiction', q.jurisdiction);
  if (q.minAgeDays) p.set('minAge', String(q.minAgeDays));
  if (q.expiringWithinDays) p.set('expiring', String(q.expiringWithinDays));
  for (const c of q.cursors) p.append('after', c);
  return `?${p.toString()}`;
}

/** The GraphQL filter for these params, with "age" measured back from `now`. */
export function queueFilter(q: QueueParams, now: Date) {
  return {
    statuses: [q.status],
    ...(q.jurisdiction ? { jurisdiction: q.jurisdiction } : {}),
    ...(q.expiringWithinDays ? { expiringWithinDays: q.expiringWithinDays } : {}),
    ...(q.minAgeDays
      ? { submittedBefore: new Date(now.getTime() - q.minAgeDays * 86_400_000).toISOString() }
      : {}),
  };
}

/** Changing a filter starts from the first page again. */
export const withFilter = (q: QueueParams, change: Partial<Omit<QueueParams, 'cursors'>>): QueueParams => ({
  ...q,
  ...change,
  cursors: [],
});
export const nextPage = (q: QueueParams, endCursor: string): QueueParams => ({
  ...q,
  cursors: [...q.cursors, endCursor],
});
export const previousPage = (q: QueueParams): QueueParams => ({ ...q, cursors: q.cursors.slice(0, -1) });
