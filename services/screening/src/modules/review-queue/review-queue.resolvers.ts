import type { GraphQLContext } from '@mm/graphql-kit';
import type { ApplicationsRepository } from '../applications/application.repository.ts';
import type { ReviewQueueService } from './review-queue.service.ts';

export function reviewQueueResolvers(service: ReviewQueueService, repo: ApplicationsRepository) {
  return {
    Query: {
      therapistApplications: async (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext) => {
        const page = await service.list(ctx.viewer, args);
        // One statement for the page's application rows, whatever its size (items load only when asked).
        const nodes = await repo.findRowsBy(
          'id',
          page.edges.map((e) => e.node.id),
        );
        const edges = page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i] ?? null }));
        return { edges: edges.filter((e) => e.node !== null), pageInfo: page.pageInfo };
      },
      therapistApplicationCounts: (_: unknown, __: unknown, ctx: GraphQLContext) =>
        service.counts(ctx.viewer),
    },
  };
}
