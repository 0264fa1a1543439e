import {
  type DomainError,
  GATEWAY_ASSERTION_HEADER,
  signGatewayAssertion,
  type Viewer,
} from '@mm/graphql-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { request as undiciRequest } from 'undici';
import { type Authenticate, bearerToken } from '../auth/authenticate.ts';

/**
 * Document bytes do not fit GraphQL (100 KB body limit), so the gateway
 * streams them to screening unparsed:
 *
 * - `PUT /uploads/:token`: the raw file, for an upload token issued by the
 *   `requestDocumentUpload` mutation;
 * - `GET /documents/:documentId`: the file, for its owner and admins.
 *
 * The caller's bearer token is verified here and re-signed as the gateway
 * assertion, exactly as for GraphQL, so screening still trusts only the
 * gateway; screening does every other check (token, ownership, the document
 * policy). Status codes and error bodies pass through unchanged.
 */
export interface UploadsProxyOptions {
  /** Screening's GraphQL URL; the proxy calls its origin. */
  screeningUrl: string;
  authenticate: Authenticate;
  gatewaySecret: string;
}

const REQUEST_HEADERS = ['content-type', 'content-length', 'x-request-id'] as const;
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control'] as const;

export async function registerUploadsProxy(app: FastifyInstance, opts: UploadsProxyOptions): Promise<void> {
  const origin = new URL(opts.screeningUrl).origin;

  await app.register(async (scope) => {
    // Leave every body unparsed: it is streamed to screening as it arrives.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    const forward = async (request: FastifyRequest, reply: FastifyReply, path: string) => {
      let viewer: Viewer | null;
      try {
        viewer = viewerOf(request, opts.authenticate);
      } catch (err) {
        const e = err as DomainError;
        return reply
          .code(401)
          .send({ data: null, errors: [{ message: e.message, extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      const headers: Record<string, string> = {
        [GATEWAY_ASSERTION_HEADER]: signGatewayAssertion(viewer, opts.gatewaySecret),
      };
      for (const name of REQUEST_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      headers['x-request-id'] ??= String(request.id);
      const upstream = await undiciRequest(`${origin}${path}`, {
        method: request.method as 'GET' | 'PUT',
        headers,
        ...(request.method === 'PUT' ? { body: request.raw } : {}),
      });
      reply.code(upstream.statusCode);
      for (const name of RESPONSE_HEADERS) {
        const value = upstream.headers[name];
        if (typeof value === 'string') reply.header(name, value);
      }
      return reply.send(upstream.body);
    };

    scope.put<{ Params: { token: string } }>('/uploads/:token', (request, reply) =>
      forward(request, reply, `/uploads/${encodeURIComponent(request.params.token)}`),
    );
    scope.get<{ Params: { documentId: string } }>('/documents/:documentId', (request, reply) =>
      forward(request, reply, `/documents/${encodeURIComponent(request.params.documentId)}`),
    );
    // Signed links carry their own short-lived authorization (screening checks it).
    scope.get<{ Params: { token: string } }>('/documents/signed/:token', (request, reply) =>
      forward(request, reply, `/documents/signed/${encodeURIComponent(request.params.token)}`),
    );
    // A therapist's public profile photo (screening checks the profile is visible to the caller).
    scope.get<{ Params: { therapistId: string } }>('/therapist-photos/:therapistId', (request, reply) =>
      forward(request, reply, `/therapist-photos/${encodeURIComponent(request.params.therapistId)}`),
    );
  });
}

function viewerOf(request: FastifyRequest, authenticate: Authenticate): Viewer | null {
  const token = bearerToken(request.headers.authorization);
  return token ? authenticate(token) : null;
}
