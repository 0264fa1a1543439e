import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived upload tokens: `<document id, hex>.<expiry, base36 ms>.<signature>`,
 * the signature an HMAC-SHA256 (base64url) under a key derived from the
 * gateway secret, which only the gateway and the subgraphs hold. Compact
 * enough for a URL path segment. The token names the document row; the row
 * says whose it is and whether the upload already happened, so a token
 * works once.
 */
export interface UploadTokenClaims {
  documentId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const keyOf = (secret: string) =>
  createHmac('sha256', secret).update('mm-screening-upload-token-v1').digest();
const sign = (secret: string, payload: string) =>
  createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');

const toHex = (uuid: string) => uuid.replaceAll('-', '');
const fromHex = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function signUploadToken(claims: UploadTokenClaims, secret: string): string {
  const payload = `${toHex(claims.documentId)}.${claims.expiresAt.toString(36)}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The claims, or null when the token is malformed, forged or expired at `now`. */
export function verifyUploadToken(token: string, secret: string, now: Date): UploadTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [hex, expiry, signature] = parts as [string, string, string];
  if (!/^[0-9a-f]{32}$/.test(hex) || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
  const expected = Buffer.from(sign(secret, `${hex}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const expiresAt = Number.parseInt(expiry, 36);
  if (!Number.isFinite(expiresAt) || expiresAt <= now.getTime()) return null;
  return { documentId: fromHex(hex), expiresAt };
}
