// `expand[]` support: replaces id strings with the referenced objects, following
// dotted paths (`latest_charge.payment_method`, or `data.customer` on lists).
import { paramError } from './errors.ts';
import type { Store } from './store.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expandPath(value: unknown, segments: string[], store: Store, path: string): unknown {
  const [head, ...rest] = segments;
  if (head === undefined || !isRecord(value)) return value;
  if (!Object.hasOwn(value, head)) throw paramError(`This property cannot be expanded (${path}).`);
  let field = value[head];
  if (typeof field === 'string') {
    const found = store.find(field);
    if (found !== undefined) field = structuredClone(found);
  }
  value[head] = Array.isArray(field)
    ? field.map((item) => expandPath(item, rest, store, path))
    : expandPath(field, rest, store, path);
  return value;
}

/** Expands `paths` in place on `body`, which must be a private copy. */
export function applyExpand(body: unknown, paths: string[], store: Store): unknown {
  for (const path of paths) expandPath(body, path.split('.'), store, path);
  return body;
}
