/**
 * Which failures mean "a dependency is away" (retry later) rather than a bug.
 * They become SERVICE_UNAVAILABLE or OVERLOADED, never INTERNAL_SERVER_ERROR.
 */
export type Dependency = 'postgres' | 'redis' | 'service';

const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
const ADAPTER_UNREACHABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
const POSTGRES_MESSAGES =
  /Connection terminated|Can't reach database server|Server has closed the connection|Connection closed|terminating connection|the database system is (starting up|shutting down|in recovery)|Client has encountered a connection error/;
const REDIS_MESSAGES =
  /Connection is closed|Command timed out|Stream isn't writeable|Reached the max retries per request limit/;

/** Every error reachable from `err` (causes, Prisma metadata, wrapped originals), each once. */
function* chain(err: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const stack = [err];
  while (stack.length > 0) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    yield o;
    stack.push(o.cause, o.meta, o.driverAdapterError, o.originalError);
  }
}

/** The dependency that could not be reached, or null when the error is something else. */
export function unavailableDependency(err: unknown): Dependency | null {
  for (const o of chain(err)) {
    const code = typeof o.code === 'string' ? o.code : undefined;
    const message = typeof o.message === 'string' ? o.message : '';
    if (o.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message)) return 'redis';
    if (code && PRISMA_UNREACHABLE.has(code)) return 'postgres';
    if (typeof o.kind === 'string' && ADAPTER_UNREACHABLE.has(o.kind)) return 'postgres';
    // 57P0x: the server is shutting down or restarting; 08xxx: connection exceptions.
    const pg = typeof o.originalCode === 'string' ? o.originalCode : code;
    if (pg && /^(57P0[123]|08...)$/.test(pg)) return 'postgres';
    if (POSTGRES_MESSAGES.test(message)) return 'postgres';
    // The gateway's call to a subgraph that is down, restarting or did not answer in time.
    if (
      code &&
      /^(ECONNREFUSED|ECONNRESET|UND_ERR_(SOCKET|CONNECT_TIMEOUT|HEADERS_TIMEOUT|BODY_TIMEOUT))$/.test(code)
    ) {
      return 'service';
    }
  }
  return null;
}

/**
 * The process is saturated: no pooled connection or transaction slot came
 * free in time (P2024, P2028 "unable to start a transaction"), or Postgres
 * has no connection left (53300).
 */
export function isOverloaded(err: unknown): boolean {
  for (const o of chain(err)) {
    if (o.code === 'P2024' || o.kind === 'TooManyConnections' || o.originalCode === '53300') return true;
    if (o.code === 'P2028' && /Unable to start a transaction|timeout/i.test(String(o.message))) return true;
    if (/timeout exceeded when trying to connect/.test(String(o.message))) return true;
  }
  return false;
}

/** A serialization failure or deadlock (40001, 40P01): the transaction may simply be run again. */
export function isWriteConflict(err: unknown): boolean {
  for (const o of chain(err)) {
    if (o.code === 'P2034' || o.kind === 'TransactionWriteConflict') return true;
    const pg = o.originalCode ?? o.code;
    if (pg === '40001' || pg === '40P01') return true;
    if (/deadlock detected|could not serialize access/.test(String(o.message))) return true;
  }
  return false;
}
