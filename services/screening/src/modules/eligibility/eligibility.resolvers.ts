import type { GraphQLContext } from '@mm/graphql-kit';
import type { EligibilityService } from './eligibility.service.ts';

export function eligibilityResolvers(service: EligibilityService) {
  return {
    Query: {
      therapistEligibility: (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) =>
        service.check(ctx.viewer, input),
    },
  };
}
