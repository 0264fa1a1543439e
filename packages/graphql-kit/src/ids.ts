import { badInput } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque IDs: clients must not build or parse them, and one type's ID is refused where another's is expected. */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export function fromGlobalId(type: string, globalId: string, field = 'id'): string {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const [prefix, id] = decoded.split(':');
  if (prefix !== type || !id || !UUID.test(id)) {
    throw badInput(`${field} is not a valid ${type} ID.`, [
      { path: field, message: `expected a ${type} ID` },
    ]);
  }
  return id;
}
