import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { DomainError, forbidden, unauthenticated } from './errors.ts';

export type Role = 'CLIENT' | 'THERAPIST' | 'ADMIN';
export const ROLES: readonly Role[] = ['CLIENT', 'THERAPIST', 'ADMIN'];

export interface Viewer {
  userId: string;
  role: Role;
  /** The sign-in this access token belongs to (known at the gateway only). */
  sessionId?: string;
}

const ACCESS = { issuer: 'mm-identity', audience: 'mm-api' };
const ASSERTION = { issuer: 'mm-gateway', audience: 'mm-subgraph' };
/** Header that carries the gateway-signed identity to subgraphs. */
export const GATEWAY_ASSERTION_HEADER = 'x-mm-gateway-assertion';

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as string[]).includes(value);

// fast-jwt signs and verifies HS256 synchronously with node:crypto and a key
// prepared once per secret: the gateway signs an assertion per request and
// every subgraph verifies it, a hot path where jose's async WebCrypto showed
// up as ~19% of the gateway's CPU. One signer/verifier per secret and lifetime.
const memo = <T>(make: (...key: [string, number]) => T) => {
  const cache = new Map<string, T>();
  return (secret: string, n = 0): T => {
    const k = `${n}:${secret}`;
    let v = cache.get(k);
    if (!v) {
      v = make(secret, n);
      cache.set(k, v);
    }
    return v;
  };
};
const accessSigner = memo((key, ttl) =>
  createSigner({ key, algorithm: 'HS256', iss: ACCESS.issuer, aud: ACCESS.audience, expiresIn: ttl * 1000 }),
);
// A caller sends the same access token with every request for its lifetime: the verifier keeps the
// outcome of the last 10,000 tokens (never past a token's exp), keyed by a SHA-256 of the token, so a
// repeat costs a hash and a map lookup. Revocation is not cached here: the gateway checks its live
// revocation list on every request (see RevocationList).
const accessVerifier = memo((key) =>
  createVerifier({
    key,
    algorithms: ['HS256'],
    allowedIss: ACCESS.issuer,
    allowedAud: ACCESS.audience,
    requiredClaims: ['sub', 'exp'],
    cache: 10_000,
    cacheTTL: 60_000,
  }),
);
const assertionSigner = memo((key) =>
  createSigner({
    key,
    algorithm: 'HS256',
    iss: ASSERTION.issuer,
    aud: ASSERTION.audience,
    expiresIn: ASSERTION_TTL_MS,
  }),
);
// Assertions are verified once per subgraph request; the gateway reuses one
// assertion per viewer for half its life (cachedGatewayAssertion), so the LRU
// makes nearly every check a map lookup.
const assertionVerifier = memo((key) =>
  createVerifier({
    key,
    algorithms: ['HS256'],
    allowedIss: ASSERTION.issuer,
    allowedAud: ASSERTION.audience,
    requiredClaims: ['exp'],
    cache: 10_000,
    cacheTTL: 60_000,
  }),
);
const ASSERTION_TTL_MS = 60_000;

/** `sessionId` names the sign-in (refresh-token family), so signing out can revoke its access tokens at once. */
export function signAccessToken(viewer: Viewer, secret: string, ttlSeconds: number): string {
  return accessSigner(
    secret,
    ttlSeconds,
  )({
    sub: viewer.userId,
    role: viewer.role,
    ...(viewer.sessionId ? { sid: viewer.sessionId } : {}),
  });
}

/** Verifies a bearer access token; any failure is UNAUTHENTICATED with a reason a person understands. */
export function verifyAccessToken(token: string, secret: string): Viewer {
  try {
    const payload = accessVerifier(secret)(token) as Record<string, unknown>;
    if (typeof payload.sub !== 'string' || !isRole(payload.role)) throw new Error('claims');
    return {
      userId: payload.sub,
      role: payload.role,
      ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}),
    };
  } catch (err) {
    const expired = (err as { code?: string }).code === TokenError.codes.expired;
    throw new DomainError(
      'UNAUTHENTICATED',
      expired
        ? 'Your session has expired; refresh it or sign in again.'
        : 'The access token is not valid; sign in again.',
    );
  }
}

/**
 * The gateway re-signs the caller's identity for every subgraph request with
 * a secret only it and the subgraphs share, so a subgraph reached directly
 * cannot be fooled by a forged header. Short-lived to limit replay.
 */
export function signGatewayAssertion(viewer: Viewer | null, secret: string): string {
  return assertionSigner(secret)(viewer ? { sub: viewer.userId, role: viewer.role } : { anonymous: true });
}

/** Assertions the gateway reuses, by secret and viewer: [token, signed at ms]. */
const assertions = new Map<string, [string, number]>();
const ASSERTION_REUSE_MS = ASSERTION_TTL_MS / 2;
const MAX_CACHED_ASSERTIONS = 10_000;

/**
 * The gateway's assertion for `viewer`, re-signed only once the last one for the same viewer has passed
 * half its life: it names the account and role and nothing about the request, so reusing it widens no
 * replay window, and it saves an HMAC per request here and (through the verifier's cache) in every subgraph.
 */
export function cachedGatewayAssertion(viewer: Viewer | null, secret: string, nowMs = Date.now()): string {
  const key = viewer ? `${viewer.userId}:${viewer.role}:${secret}` : `:anonymous:${secret}`;
  const hit = assertions.get(key);
  if (hit && nowMs - hit[1] < ASSERTION_REUSE_MS) return hit[0];
  const token = signGatewayAssertion(viewer, secret);
  assertions.delete(key);
  if (assertions.size >= MAX_CACHED_ASSERTIONS) assertions.delete(assertions.keys().next().value as string);
  assertions.set(key, [token, nowMs]);
  return token;
}

export function verifyGatewayAssertion(token: string | undefined, secret: string): Viewer | null {
  if (!token)
    throw new DomainError('GATEWAY_TRUST_REQUIRED', 'This service only accepts requests from the gateway.');
  let payload: Record<string, unknown>;
  try {
    payload = assertionVerifier(secret)(token) as Record<string, unknown>;
  } catch {
    throw new DomainError('GATEWAY_TRUST_REQUIRED', 'The gateway identity assertion is not valid.');
  }
  if (payload.anonymous === true) return null;
  if (typeof payload.sub !== 'string' || !isRole(payload.role))
    throw new DomainError('GATEWAY_TRUST_REQUIRED', 'The gateway identity assertion is not valid.');
  return { userId: payload.sub, role: payload.role };
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw forbidden(`Only ${roles.join(' or ')} accounts may do this.`);
  return v;
}
