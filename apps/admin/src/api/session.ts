import { graphql } from '../generated/gql.ts';
import type { TypedDocumentString } from '../generated/graphql.ts';

/** A GraphQL error as the gateway reports it: a stable code and a sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface SignedInUser {
  id: string;
  email: string | null;
  role: string;
}

export interface SessionState {
  accessToken: string;
  refreshToken: string;
  user: SignedInUser;
}

const SIGN_IN = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) { accessToken refreshToken user { id email role } }
  }
`);
const REFRESH = graphql(`
  mutation Refresh($input: RefreshSessionInput!) {
    refreshSession(input: $input) { accessToken refreshToken user { id email role } }
  }
`);
const SIGN_OUT = graphql(`
  mutation SignOut($input: SignOutInput!) { signOut(input: $input) { signedOut } }
`);

export const NOT_AN_ADMIN =
  'This console is for admins only. Your account is not an admin account, so you have been signed out.';

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export interface StoreLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'mm-admin-session';

/**
 * The admin's tokens, with the same rotation as every client: a refresh token
 * works once, so concurrent requests that find the access token expired share
 * one refresh instead of each spending the token (a reuse would sign every
 * session out).
 */
export class Session {
  private state: SessionState | null;
  private refreshing: Promise<SessionState | null> | null = null;
  private listeners = new Set<(s: SessionState | null) => void>();

  constructor(
    private readonly endpoint: string,
    private readonly fetchImpl: Fetch,
    private readonly store: StoreLike | null,
  ) {
    const saved = store?.getItem(KEY);
    this.state = saved ? (JSON.parse(saved) as SessionState) : null;
  }

  get current(): SessionState | null {
    return this.state;
  }

  subscribe(fn: (s: SessionState | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(next: SessionState | null) {
    this.state = next;
    if (next) this.store?.setItem(KEY, JSON.stringify(next));
    else this.store?.removeItem(KEY);
    for (const fn of this.listeners) fn(next);
  }

  private async post<R, V>(doc: TypedDocumentString<R, V>, variables: V, token?: string) {
    const res = await this.fetchImpl(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: doc.toString(), variables }),
    });
    const body = (await res.json()) as {
      data?: R | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    const first = body.errors?.[0];
    if (first) {
      throw new ApiError(
        String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
        first.message,
        first.extensions,
      );
    }
    if (!body.data)
      throw new ApiError('INTERNAL_SERVER_ERROR', `The server answered ${res.status} without data.`);
    return body.data;
  }

  /** Signs in; a non-admin is signed straight out again and told why. */
  async signIn(email: string, password: string): Promise<SessionState> {
    const { signIn } = await this.post(SIGN_IN, { input: { email, password } });
    if (signIn.user.role !== 'ADMIN') {
      await this.post(SIGN_OUT, { input: { refreshToken: signIn.refreshToken } }).catch(() => undefined);
      throw new ApiError('NOT_AN_ADMIN', NOT_AN_ADMIN);
    }
    const next = { accessToken: signIn.accessToken, refreshToken: signIn.refreshToken, user: signIn.user };
    this.set(next);
    return next;
  }

  async signOut(): Promise<void> {
    const s = this.state;
    this.set(null);
    if (s) await this.post(SIGN_OUT, { input: { refreshToken: s.refreshToken } }).catch(() => undefined);
  }

  /** One refresh at a time; null (signed out) when the refresh token is refused. */
  refresh(): Promise<SessionState | null> {
    if (!this.refreshing) {
      const spent = this.state;
      this.refreshing = (async () => {
        if (!spent) return null;
        try {
          const { refreshSession } = await this.post(REFRESH, {
            input: { refreshToken: spent.refreshToken },
          });
          const next = {
            accessToken: refreshSession.accessToken,
            refreshToken: refreshSession.refreshToken,
            user: refreshSession.user,
          };
          this.set(next);
          return next;
        } catch {
          this.set(null);
          return null;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Runs an operation as the admin; an expired access token is refreshed once and the call retried. */
  async request<R, V>(doc: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const token = this.state?.accessToken;
    if (!token) throw new ApiError('UNAUTHENTICATED', 'Sign in first.');
    try {
      return await this.post(doc, variables, token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
      // Someone else may have refreshed already while this request was in flight.
      const fresh = this.state && this.state.accessToken !== token ? this.state : await this.refresh();
      if (!fresh) throw new ApiError('UNAUTHENTICATED', 'Your session ended; sign in again.');
      return this.post(doc, variables, fresh.accessToken);
    }
  }
}
