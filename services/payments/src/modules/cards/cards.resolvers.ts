import type { GraphQLContext } from '@mm/graphql-kit';
import type { CardsService } from './cards.service.ts';

export function cardsResolvers(cards: CardsService) {
  return {
    Query: {
      myCards: (_: unknown, __: unknown, ctx: GraphQLContext) => cards.list(ctx.viewer),
    },
    Mutation: {
      createCardSetup: (_: unknown, __: unknown, ctx: GraphQLContext) => cards.createSetup(ctx.viewer),
    },
  };
}
