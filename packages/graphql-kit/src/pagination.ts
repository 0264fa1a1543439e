import { badInput } from './errors.ts';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const MAX_PAGE_SIZE = 100;

/** Validated page size and decoded cursor; callers fetch `take` rows (one extra tells if more exist). */
export function pageRequest(
  args: PageArgs,
  defaultSize = 20,
): { size: number; take: number; after: unknown[] | null } {
  const size = args.first ?? defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, [
      { path: 'first', message: 'out of range' },
    ]);
  }
  return { size, take: size + 1, after: args.after ? decodeCursor(args.after) : null };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values)) return values;
  } catch {
    // fall through to the user-facing error
  }
  throw badInput('The cursor is not valid; use endCursor from a previous page.', [
    { path: 'after', message: 'invalid cursor' },
  ]);
}

export function toConnection<T>(rows: T[], size: number, cursorOf: (row: T) => unknown[]): Connection<T> {
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node })),
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last === undefined ? null : encodeCursor(cursorOf(last)),
    },
  };
}

type After<F extends string> = { [K in F]: { lt: Date } } | ({ [K in F]: Date } & { id: { lt: string } });

/**
 * Keyset pagination newest first on (timestamp, id): the Prisma `where`
 * fragment for rows after a cursor that `toConnection` made with
 * `(row) => [row.<field>.toISOString(), row.id]`.
 */
export function newestFirstAfter<F extends string>(field: F, after: unknown[] | null): { OR?: After<F>[] } {
  if (!after) return {};
  const at = new Date(String(after[0]));
  const id = after[1];
  if (Number.isNaN(at.getTime()) || typeof id !== 'string') {
    throw badInput('The cursor is not valid; use endCursor from a previous page.', [
      { path: 'after', message: 'invalid cursor' },
    ]);
  }
  return { OR: [{ [field]: { lt: at } } as After<F>, { [field]: at, id: { lt: id } } as After<F>] };
}
