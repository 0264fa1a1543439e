import { DomainError, type RevocationList, type Viewer, verifyAccessToken } from '@mm/graphql-kit';

export type Authenticate = (token: string) => Viewer;

/**
 * The gateway's one check of a caller's access token: signature and expiry,
 * then the revocation list, so signing out, a password change or a reused
 * refresh token end that sign-in's access tokens at once. While the
 * revocation feed is down a signed-in request is refused (fail closed):
 * serving a token that may have been revoked is worse than a short outage
 * for signed-in calls; anonymous calls keep working.
 */
export function accessTokenAuthenticator(jwtSecret: string, revocations: RevocationList): Authenticate {
  return (token) => {
    const viewer = verifyAccessToken(token, jwtSecret);
    if (!viewer.sessionId) return viewer;
    const state = revocations.state(viewer.sessionId);
    if (state === 'revoked')
      throw new DomainError('UNAUTHENTICATED', 'You signed out of this session; sign in again.');
    if (state === 'unknown')
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'Signed-in requests are paused for a moment while we cannot confirm sessions; try again shortly.',
      );
    return viewer;
  };
}

/** The token of an `Authorization: Bearer …` header, or why not. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, token, extra] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined)
    throw new DomainError('UNAUTHENTICATED', 'Send the access token as "Authorization: Bearer <token>".');
  return token;
}
