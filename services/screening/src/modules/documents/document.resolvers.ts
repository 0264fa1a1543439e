import type { Document } from '@mm/db';
import { type GraphQLContext, referenceLoader, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { DocumentsRepository } from './document.repository.ts';
import type { DocumentsService } from './document.service.ts';

export function documentsResolvers(service: DocumentsService) {
  return {
    Mutation: {
      requestDocumentUpload: async (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) =>
        service.requestUpload(requireViewer(ctx.viewer), input),
    },
    Document: {
      id: (d: Document) => toGlobalId('Document', d.id),
      uploaded: (d: Document) => d.uploadStatus === 'UPLOADED',
      downloadUrl: (d: Document) =>
        d.uploadStatus === 'UPLOADED' ? `/documents/${toGlobalId('Document', d.id)}` : null,
    },
  };
}

/** Federation's references to documents: one query for a request's, visible to their therapist and admins. */
export function documentsLoaders(repo: DocumentsRepository) {
  return {
    Document: {
      __resolveReference: referenceLoader(
        'Document',
        (ids) => repo.withApplications(ids),
        (doc, ctx) =>
          ctx.viewer !== null &&
          (ctx.viewer.role === 'ADMIN' || doc.application.therapistId === ctx.viewer.userId),
      ),
    },
  };
}
