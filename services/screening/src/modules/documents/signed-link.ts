import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Document } from '@mm/db';
import { type GraphQLContext, toGlobalId, type Viewer } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import { type DocumentsService, UploadRefused } from './document.service.ts';

/**
 * Short-lived signed links to a document, for browsers that cannot send the
 * Authorization header (an <iframe>, a new tab). The link names the
 * document, the viewer it was made for and its expiry, signed with a key
 * derived from the gateway secret; opening it runs the same visibility
 * check and audit as the header route, as that viewer.
 *
 * Token: `<document>.<user>.<A|T>.<expiry base36 ms>.<HMAC-SHA256, first 128 bits>`, the
 * ids as base64url bytes, so the token fits a path segment (Fastify's 100
 * character parameter limit).
 */
export const SIGNED_LINK_TTL_MS = 5 * 60_000;

export interface SignedLinkClaims {
  documentId: string;
  viewer: Viewer;
  expiresAt: number;
}

const keyOf = (secret: string) =>
  createHmac('sha256', secret).update('mm-screening-document-link-v1').digest();
const mac = (secret: string, payload: string) =>
  createHmac('sha256', keyOf(secret)).update(payload).digest().subarray(0, 16).toString('base64url');
const pack = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex').toString('base64url');
const unpack = (packed: string) => {
  const hex = Buffer.from(packed, 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const ROLE_LETTER = { ADMIN: 'A', THERAPIST: 'T' } as const;

export function signDocumentLink(claims: SignedLinkClaims, secret: string): string | null {
  const letter = ROLE_LETTER[claims.viewer.role as keyof typeof ROLE_LETTER];
  if (!letter) return null;
  const payload = `${pack(claims.documentId)}.${pack(claims.viewer.userId)}.${letter}.${claims.expiresAt.toString(36)}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The claims, or null when the token is malformed, forged or expired at `now`. */
export function verifyDocumentLink(token: string, secret: string, now: Date): SignedLinkClaims | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [doc, user, letter, expiry, signature] = parts as [string, string, string, string, string];
  if (!/^[\w-]{22}$/.test(doc) || !/^[\w-]{22}$/.test(user) || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
  const role = letter === 'A' ? 'ADMIN' : letter === 'T' ? 'THERAPIST' : null;
  if (!role) return null;
  const expected = Buffer.from(mac(secret, `${doc}.${user}.${letter}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const expiresAt = Number.parseInt(expiry, 36);
  if (!Number.isFinite(expiresAt) || expiresAt <= now.getTime()) return null;
  return { documentId: unpack(doc), viewer: { userId: unpack(user), role }, expiresAt };
}

export function signedLinkResolvers(secret: string, now: () => Date) {
  return {
    Document: {
      signedUrl: (d: Document, _: unknown, ctx: GraphQLContext) => {
        if (!ctx.viewer || d.uploadStatus !== 'UPLOADED') return null;
        const token = signDocumentLink(
          { documentId: d.id, viewer: ctx.viewer, expiresAt: now().getTime() + SIGNED_LINK_TTL_MS },
          secret,
        );
        return token ? `/documents/signed/${token}` : null;
      },
    },
  };
}

/** `GET /documents/signed/:token` behind the gateway's proxy: the file, shown inline. */
export async function registerSignedLinkRoute(
  app: FastifyInstance,
  deps: { documents: DocumentsService; secret: string; now: () => Date },
): Promise<void> {
  app.get<{ Params: { token: string } }>('/documents/signed/:token', async (request, reply) => {
    const claims = verifyDocumentLink(request.params.token, deps.secret, deps.now());
    try {
      if (!claims) {
        throw new UploadRefused(403, 'DOCUMENT_LINK_INVALID', 'The link is unknown or expired.');
      }
      const { document, bytes } = await deps.documents.download(
        claims.viewer,
        toGlobalId('Document', claims.documentId),
      );
      return reply
        .header('content-type', document.contentType ?? 'application/octet-stream')
        .header('content-disposition', `inline; filename="${document.kind.toLowerCase()}-${document.id}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error;
      return reply.code(error.statusCode).send({
        data: null,
        errors: [{ message: error.message, extensions: { code: error.code } }],
      });
    }
  });
}
