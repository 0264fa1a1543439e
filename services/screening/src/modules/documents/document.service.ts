import type { Document, DocumentKind } from '@mm/db';
import { forbidden, fromGlobalId, notFound, toGlobalId, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { ScreeningContext } from '../../context.ts';
import { recordApplicationAudit } from '../applications/application.rules.ts';
import { DocumentError, DocumentErrorCode } from './document.errors.ts';
import {
  assertDeclaredSizeAllowed,
  DEFAULT_DOCUMENT_POLICY,
  type DocumentPolicy,
  normalizeContentType,
  validateDocumentUpload,
} from './document.policy.ts';
import type { DocumentsRepository } from './document.repository.ts';
import { signUploadToken, verifyUploadToken } from './upload-token.ts';

export const UPLOAD_TOKEN_TTL_MS = 15 * 60_000;

const requestUploadInput = z.object({
  kind: z.enum(['LICENSE', 'INSURANCE', 'CREDENTIAL', 'PHOTO']),
  contentType: z.string().min(1).max(100),
  sizeBytes: z.number().int(),
  sha256: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the file as 64 hexadecimal characters'),
});

export interface UploadTicket {
  document: Document;
  uploadToken: string;
  /** Relative to the gateway: PUT the raw bytes here. */
  uploadUrl: string;
  expiresAt: Date;
}

/** A failed upload as HTTP: status plus the same error shape GraphQL uses. */
export class UploadRefused extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const STATUS_OF: Record<DocumentErrorCode, number> = {
  NOT_EDITABLE: 409,
  DOCUMENT_EMPTY: 400,
  DOCUMENT_TOO_LARGE: 413,
  DOCUMENT_TYPE_NOT_ALLOWED: 415,
  DOCUMENT_TYPE_MISMATCH: 415,
  DOCUMENT_EXECUTABLE: 422,
  DOCUMENT_CHECKSUM_MISMATCH: 422,
};

const refusedFrom = (error: DocumentError) =>
  new UploadRefused(STATUS_OF[error.code], error.code, error.message, { ...error.details });

export class DocumentsService {
  constructor(
    private readonly ctx: ScreeningContext,
    private readonly repo: DocumentsRepository,
    readonly policy: DocumentPolicy = DEFAULT_DOCUMENT_POLICY,
  ) {}

  /** Step 1 (GraphQL): declare the file; get a short-lived, single-use upload URL. */
  async requestUpload(viewer: Viewer, raw: unknown): Promise<UploadTicket> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists upload application documents.');
    const input = requestUploadInput.parse(raw);
    const contentType = normalizeContentType(input.contentType);
    if (contentType === null || !this.policy.allowedContentTypes.includes(contentType)) {
      throw new DocumentError(
        DocumentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
        `Files of type "${input.contentType}" are not accepted. Upload a PDF, JPEG, PNG or HEIC file.`,
      );
    }
    assertDeclaredSizeAllowed(input.sizeBytes, this.policy);
    const app = await this.repo.applicationOf(viewer.userId);
    if (!app) throw notFound('Your application');
    if (app.status === 'REJECTED') {
      throw new DocumentError('NOT_EDITABLE', 'The application was rejected; it takes no more documents.');
    }
    const expiresAt = new Date(this.ctx.now().getTime() + UPLOAD_TOKEN_TTL_MS);
    const document = await this.repo.declare({
      applicationId: app.id,
      kind: input.kind as DocumentKind,
      declaredContentType: contentType,
      declaredSizeBytes: input.sizeBytes,
      declaredSha256: input.sha256,
      uploadExpiresAt: expiresAt,
    });
    const uploadToken = signUploadToken(
      { documentId: document.id, expiresAt: expiresAt.getTime() },
      this.ctx.config.GATEWAY_SHARED_SECRET,
    );
    return { document, uploadToken, uploadUrl: `/uploads/${uploadToken}`, expiresAt };
  }

  /** Step 2a (HTTP, before the body is read): the token, the uploader and the declared length. */
  preflight(viewer: Viewer | null, token: string, contentLength: string | undefined) {
    if (!viewer) throw new UploadRefused(401, 'UNAUTHENTICATED', 'Sign in to upload documents.');
    const claims = verifyUploadToken(token, this.ctx.config.GATEWAY_SHARED_SECRET, this.ctx.now());
    if (!claims) {
      throw new UploadRefused(
        403,
        'UPLOAD_TOKEN_INVALID',
        'This upload link is not valid or has expired; request a new one.',
      );
    }
    const length = contentLength === undefined ? Number.NaN : Number(contentLength);
    if (!Number.isInteger(length)) {
      throw new UploadRefused(411, 'BAD_REQUEST', 'Send the file with a Content-Length header.');
    }
    try {
      assertDeclaredSizeAllowed(length, this.policy);
    } catch (error) {
      throw refusedFrom(error as DocumentError);
    }
    return claims;
  }

  /** Step 2b: validate the bytes with the document policy, store them, mark the row uploaded. */
  async receive(viewer: Viewer, claims: { documentId: string }, bytes: Uint8Array): Promise<Document> {
    const doc = await this.repo.withApplication(claims.documentId);
    // Someone else's link is as good as none: the same answer as a forged one.
    if (!doc || doc.application.therapistId !== viewer.userId)
      throw new UploadRefused(
        403,
        'UPLOAD_TOKEN_INVALID',
        'This upload link is not valid; request a new one.',
      );
    if (doc.uploadStatus === 'UPLOADED') {
      throw new UploadRefused(
        409,
        'UPLOAD_TOKEN_INVALID',
        'This file was already uploaded; the link works once.',
      );
    }
    let validated: ReturnType<typeof validateDocumentUpload>;
    try {
      validated = validateDocumentUpload(
        { declaredContentType: doc.declaredContentType, declaredSha256: doc.declaredSha256, bytes },
        this.policy,
      );
    } catch (error) {
      if (error instanceof DocumentError) throw refusedFrom(error);
      throw error;
    }
    const storageKey = `${doc.applicationId}/${doc.id}-${validated.sha256}`;
    await this.ctx.storage.put(storageKey, bytes);
    return this.ctx.prisma.$transaction(async (tx) => {
      const stored = await this.repo.markUploaded(tx, doc.id, {
        contentType: validated.contentType,
        sizeBytes: validated.sizeBytes,
        sha256: validated.sha256,
        storageKey,
        uploadedAt: this.ctx.now(),
      });
      if (!stored) {
        throw new UploadRefused(
          409,
          'UPLOAD_TOKEN_INVALID',
          'This file was already uploaded; the link works once.',
        );
      }
      await recordApplicationAudit(tx, viewer, 'document.uploaded', doc.applicationId, null, {
        documentId: doc.id,
        kind: doc.kind,
        contentType: validated.contentType,
        sizeBytes: validated.sizeBytes,
        sha256: validated.sha256,
      });
      return this.repo.get(tx, doc.id);
    });
  }

  /** The file, for its therapist and admins (an admin's read is audited); 404 for everyone else. */
  async download(
    viewer: Viewer | null,
    documentGlobalId: string,
  ): Promise<{ document: Document; bytes: Buffer }> {
    if (!viewer) throw new UploadRefused(401, 'UNAUTHENTICATED', 'Sign in to read documents.');
    let id: string;
    try {
      id = fromGlobalId('Document', documentGlobalId, 'documentId');
    } catch {
      throw new UploadRefused(404, 'NOT_FOUND', 'The document was not found.');
    }
    const document = await this.repo.withApplication(id);
    const visible =
      document !== null &&
      (viewer.role === 'ADMIN' ||
        (viewer.role === 'THERAPIST' && document.application.therapistId === viewer.userId));
    if (!document || !visible || document.uploadStatus !== 'UPLOADED' || !document.storageKey) {
      throw new UploadRefused(404, 'NOT_FOUND', 'The document was not found.');
    }
    const bytes = await this.ctx.storage.get(document.storageKey);
    if (!bytes) throw new UploadRefused(404, 'NOT_FOUND', 'The document was not found.');
    if (viewer.role === 'ADMIN') {
      await this.ctx.prisma.$transaction((tx) =>
        recordApplicationAudit(tx, viewer, 'document.viewed', document.applicationId, null, {
          documentId: toGlobalId('Document', document.id),
          kind: document.kind,
        }),
      );
    }
    const { application: _a, ...plain } = document;
    return { document: plain, bytes };
  }
}
