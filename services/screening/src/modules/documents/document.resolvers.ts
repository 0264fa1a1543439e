import type { Document } from '@mm/db';
import { fromGlobalId, type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { DocumentsService } from './document.service.ts';

export function documentsResolvers(
  service: DocumentsService,
  loadVisible: (viewer: GraphQLContext['viewer'], id: string) => Promise<Document | null>,
) {
  return {
    Mutation: {
      requestDocumentUpload: async (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) =>
        service.requestUpload(requireViewer(ctx.viewer), input),
    },
    Document: {
      __resolveReference: (ref: { id: string }, _: unknown, ctx: GraphQLContext) =>
        loadVisible(ctx.viewer, fromGlobalId('Document', ref.id)),
      id: (d: Document) => toGlobalId('Document', d.id),
      uploaded: (d: Document) => d.uploadStatus === 'UPLOADED',
      downloadUrl: (d: Document) =>
        d.uploadStatus === 'UPLOADED' ? `/documents/${toGlobalId('Document', d.id)}` : null,
    },
  };
}
