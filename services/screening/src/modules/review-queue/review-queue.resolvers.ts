import type { GraphQLContext } from '@mm/graphql-kit';
import type { ApplicationsRepository } from '../applications/application.repository.ts';
import type { ReviewQueueService } from './review-queue.service.ts';

export function reviewQueueResolvers(service: ReviewQueueService, repo: ApplicationsRepository) {
  return {
    Query: {
      therapistApplications: async (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext) => {
        const page = await service.list(ctx.viewer, args);
        const edges = await Promise.all(
          page.edges.map(async (edge) => ({ cursor: edge.cursor, node: await repo.findById(edge.node.id) })),
        );
        return { edges: edges.filter((e) => e.node !== null), pageInfo: page.pageInfo };
      },
      therapistApplicationCounts: (_: unknown, __: unknown, ctx: GraphQLContext) =>
        service.counts(ctx.viewer),
    },
  };
}
