import type { Booking, Prisma } from '@mm/db';

/** The part of a resolver's `info` read here (graphql's AST, structurally). */
interface SelectionSet {
  selections: readonly { kind: string; name?: { value: string }; selectionSet?: SelectionSet }[];
}
export type FieldNode = { selectionSet?: SelectionSet | undefined };
type Field = FieldNode;
const FIELD = 'Field'; // graphql's Kind.FIELD

/** The columns each `Booking` field reads (its resolver, or the same-named column). */
const FIELD_COLUMNS: Record<string, readonly (keyof Booking)[]> = {
  __typename: [],
  id: ['id'],
  screening: ['id'],
  allowedEvents: ['state'],
  ...Object.fromEntries(
    (
      [
        'state',
        'kind',
        'consultationMode',
        'clientId',
        'therapistId',
        'requestedTherapistId',
        'startsAt',
        'endsAt',
        'durationMinutes',
        'travelBufferMinutes',
        'modalities',
        'focusAreas',
        'genderPreference',
        'notes',
        'requestedIntraOral',
        'quote',
        'confirmedAt',
        'enRouteAt',
        'arrivedAt',
        'sessionStartedAt',
        'completedAt',
        'cancellation',
      ] as const
    ).map((c) => [c, [c]]),
  ),
};

/**
 * The columns a booking connection's nodes need, from the query (`edges { node { … } }`), plus the cursor's.
 * A page reads a few of the booking's ~60 columns, and mapping the rest was most of the subgraph's work.
 * Null (read the whole row) for anything it cannot judge: fragments, or a field it does not know.
 */
export function connectionColumns(info: { fieldNodes: readonly Field[] }): Prisma.BookingSelect | null {
  const select: Prisma.BookingSelect = { id: true, startsAt: true };
  for (const field of info.fieldNodes) {
    for (const edges of fieldsOf(field.selectionSet, 'edges') ?? []) {
      for (const node of fieldsOf(edges.selectionSet, 'node') ?? []) {
        const names = fieldNames(node.selectionSet);
        if (!names) return null;
        for (const name of names) {
          const columns = FIELD_COLUMNS[name];
          if (!columns) return null;
          for (const c of columns) select[c] = true;
        }
      }
    }
  }
  return select;
}

/** The fields named `name` in a selection set; null when it has a fragment. */
function fieldsOf(set: SelectionSet | undefined, name: string): Field[] | null {
  if (!set) return [];
  if (set.selections.some((s) => s.kind !== FIELD)) return null;
  return set.selections.filter((s) => s.name?.value === name);
}

function fieldNames(set: SelectionSet | undefined): string[] | null {
  if (!set) return [];
  const names: string[] = [];
  for (const s of set.selections) {
    if (s.kind !== FIELD || !s.name) return null;
    names.push(s.name.value);
  }
  return names;
}
