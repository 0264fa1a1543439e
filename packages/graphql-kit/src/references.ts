import { fromGlobalId } from './ids.ts';
import type { GraphQLContext } from './subgraph.ts';

/**
 * A federated entity's `__resolveReference` as a mercurius loader (`loaders: { T: { __resolveReference } }`):
 * the references of one request cost one `findMany`. A reference that is not an ID of `type`, that no row
 * matches, or that `visible` refuses resolves to null, in its place.
 */
export function referenceLoader<T extends { id: string }>(
  type: string,
  findMany: (ids: string[]) => Promise<T[]>,
  visible: (row: T, ctx: GraphQLContext) => boolean = () => true,
) {
  // mercurius hands loaders the request's context, which is the GraphQLContext.
  return async (queries: { obj: { id: string } }[], context: object): Promise<(T | null)[]> => {
    const ctx = context as GraphQLContext;
    const ids = queries.map((q) => {
      try {
        return fromGlobalId(type, q.obj.id);
      } catch {
        return null;
      }
    });
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const rows = wanted.length > 0 ? await findMany(wanted) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = id ? byId.get(id) : undefined;
      return row && visible(row, ctx) ? row : null;
    });
  };
}
