import { GATEWAY_ASSERTION_HEADER, toGlobalId, type Viewer, verifyGatewayAssertion } from '@mm/graphql-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DocumentsService, UploadRefused } from './document.service.ts';
import type { UploadTokenClaims } from './upload-token.ts';

type Deps = { documents: DocumentsService; gatewaySecret: string };
type Upload = { viewer: Viewer; claims: UploadTokenClaims };
type UploadRequest = FastifyRequest & { upload?: Upload };

/**
 * The byte routes behind the gateway's proxy (services/gateway/src/modules/uploads):
 * `PUT /uploads/:token` and `GET /documents/:documentId`. Like GraphQL, they
 * trust the caller's identity only from the gateway's signed assertion.
 */
export async function registerDocumentRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: deps.documents.policy.maxSizeBytes },
      (_req, body, done) => done(null, body),
    );
    registerUpload(scope, deps);
    registerDownload(scope, deps);
  });
}

/** A refusal becomes its status and code; anything else is an internal error. */
function send(reply: FastifyReply, error: unknown) {
  if (error instanceof UploadRefused) {
    return reply.code(error.statusCode).send({
      data: null,
      errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }],
    });
  }
  throw error;
}

async function viewerOf(request: FastifyRequest, gatewaySecret: string): Promise<Viewer | null> {
  const header = request.headers[GATEWAY_ASSERTION_HEADER];
  try {
    return await verifyGatewayAssertion(typeof header === 'string' ? header : undefined, gatewaySecret);
  } catch (err) {
    const e = err as { code: string; message: string };
    throw new UploadRefused(401, e.code, e.message);
  }
}

function registerUpload(scope: FastifyInstance, { documents, gatewaySecret }: Deps): void {
  scope.put<{ Params: { token: string } }>(
    '/uploads/:token',
    {
      bodyLimit: documents.policy.maxSizeBytes,
      // Everything that can be refused without the bytes is refused before they are read.
      onRequest: async (request, reply) => {
        try {
          const viewer = await viewerOf(request, gatewaySecret);
          const claims = documents.preflight(viewer, request.params.token, request.headers['content-length']);
          (request as UploadRequest).upload = { viewer: viewer as Viewer, claims };
        } catch (error) {
          reply.header('connection', 'close');
          return send(reply, error);
        }
      },
    },
    async (request, reply) => {
      const { upload } = request as UploadRequest;
      if (!upload) throw new Error('upload preflight did not run');
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      try {
        const doc = await documents.receive(upload.viewer, upload.claims, bytes);
        return reply.code(201).send({
          document: {
            id: toGlobalId('Document', doc.id),
            kind: doc.kind,
            contentType: doc.contentType,
            sizeBytes: doc.sizeBytes,
            sha256: doc.sha256,
          },
        });
      } catch (error) {
        return send(reply, error);
      }
    },
  );
}

function registerDownload(scope: FastifyInstance, { documents, gatewaySecret }: Deps): void {
  scope.get<{ Params: { documentId: string } }>('/documents/:documentId', async (request, reply) => {
    try {
      const viewer = await viewerOf(request, gatewaySecret);
      const { document, bytes } = await documents.download(viewer, request.params.documentId);
      return reply
        .header('content-type', document.contentType ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${document.kind.toLowerCase()}-${document.id}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    } catch (error) {
      return send(reply, error);
    }
  });
}
