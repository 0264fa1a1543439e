import { jwtVerify, SignJWT } from 'jose';
import { DomainError, forbidden, unauthenticated } from './errors.ts';

export type Role = 'CLIENT' | 'THERAPIST' | 'ADMIN';
export const ROLES: readonly Role[] = ['CLIENT', 'THERAPIST', 'ADMIN'];

export interface Viewer {
  userId: string;
  role: Role;
}

const ACCESS = { issuer: 'mm-identity', audience: 'mm-api' };
const ASSERTION = { issuer: 'mm-gateway', audience: 'mm-subgraph' };
/** Header that carries the gateway-signed identity to subgraphs. */
export const GATEWAY_ASSERTION_HEADER = 'x-mm-gateway-assertion';

const keys = new Map<string, Uint8Array>();
const keyOf = (secret: string) => {
  let key = keys.get(secret);
  if (!key) {
    key = new TextEncoder().encode(secret);
    keys.set(secret, key);
  }
  return key;
};

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as string[]).includes(value);

export async function signAccessToken(viewer: Viewer, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({ role: viewer.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.userId)
    .setIssuer(ACCESS.issuer)
    .setAudience(ACCESS.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

/** Verifies a bearer access token; any failure is UNAUTHENTICATED with a reason a person understands. */
export async function verifyAccessToken(token: string, secret: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { ...ACCESS, algorithms: ['HS256'] });
    if (!payload.sub || !isRole(payload.role)) throw new Error('claims');
    return { userId: payload.sub, role: payload.role };
  } catch (err) {
    const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
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
export async function signGatewayAssertion(viewer: Viewer | null, secret: string): Promise<string> {
  const jwt = new SignJWT(viewer ? { role: viewer.role } : { anonymous: true })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ASSERTION.issuer)
    .setAudience(ASSERTION.audience)
    .setIssuedAt()
    .setExpirationTime('60s');
  if (viewer) jwt.setSubject(viewer.userId);
  return jwt.sign(keyOf(secret));
}

export async function verifyGatewayAssertion(
  token: string | undefined,
  secret: string,
): Promise<Viewer | null> {
  if (!token)
    throw new DomainError('GATEWAY_TRUST_REQUIRED', 'This service only accepts requests from the gateway.');
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { ...ASSERTION, algorithms: ['HS256'] });
    if (payload.anonymous === true) return null;
    if (!payload.sub || !isRole(payload.role)) throw new Error('claims');
    return { userId: payload.sub, role: payload.role };
  } catch {
    throw new DomainError('GATEWAY_TRUST_REQUIRED', 'The gateway identity assertion is not valid.');
  }
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
