import type { GraphQLContext } from '@mm/graphql-kit';
import type { ClaimsService } from './claims.service.ts';

export function claimsResolvers(service: ClaimsService) {
  return {
    Mutation: {
      releaseTherapistApplicationClaim: async (
        _: unknown,
        { input }: { input: unknown },
        ctx: GraphQLContext,
      ) => ({ application: await service.release(ctx.viewer, input) }),
    },
  };
}
