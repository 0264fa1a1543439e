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
const accessVerifier = memo((key) =>
  createVerifier({
    key,
    algorithms: ['HS256'],
    allowedIss: ACCESS.issuer,
    allowedAud: ACCESS.audience,
    requiredClaims: ['sub', 'exp'],
  }),
);
const assertionSigner = memo((key) =>
  createSigner({
    key,
    algorithm: 'HS256',
    iss: ASSERTION.issuer,
    aud: ASSERTION.audience,
    expiresIn: 60_000,
  }),
);
// Assertions are verified once per subgraph request; the LRU cache makes the
// same assertion reused across one gateway request's subgraph calls free.
const assertionVerifier = memo((key) =>
  createVerifier({
    key,
    algorithms: ['HS256'],
    allowedIss: ASSERTION.issuer,
    allowedAud: ASSERTION.audience,
    requiredClaims: ['exp'],
    cache: 1000,
    cacheTTL: 60_000,
  }),
);

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
