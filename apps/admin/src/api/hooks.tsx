import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../generated/graphql.ts';
import { ApiError, type Session, type SessionState } from './session.ts';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function useSessionState(): SessionState | null {
  const session = useSession();
  const [state, setState] = useState(session.current);
  useEffect(() => session.subscribe(setState), [session]);
  return state;
}

export interface QueryState<R> {
  data: R | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

const asApiError = (e: unknown) =>
  e instanceof ApiError
    ? e
    : new ApiError('NETWORK', 'The server could not be reached. Check the connection and retry.');

/** Runs a query whenever its variables change; keeps the last data while reloading. */
export function useQuery<R, V>(
  doc: TypedDocumentString<R, V>,
  variables: V,
  opts: { skip?: boolean; refreshKey?: string } = {},
): QueryState<R> {
  const { skip = false, refreshKey = '' } = opts;
  const session = useSession();
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data: R | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: !skip,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the variables are compared by value (key)
  useEffect(() => {
    if (skip) return;
    const id = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    session.request(doc, JSON.parse(key) as V).then(
      (data) => id === latest.current && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        id === latest.current && setState((s) => ({ ...s, error: asApiError(e), loading: false })),
    );
  }, [session, doc, key, tick, skip, refreshKey]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** A mutation with its pending state and last error; `run` resolves to the data, or null on error. */
export function useMutation<R, V>(doc: TypedDocumentString<R, V>) {
  const session = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (variables: V): Promise<R | null> => {
      setPending(true);
      setError(null);
      try {
        return await session.request(doc, variables);
      } catch (e) {
        setError(asApiError(e));
        return null;
      } finally {
        setPending(false);
      }
    },
    [session, doc],
  );
  return { run, pending, error, clearError: () => setError(null) };
}
