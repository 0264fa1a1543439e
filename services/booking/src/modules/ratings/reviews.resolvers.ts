import { fromGlobalId, type GraphQLContext, toGlobalId } from '@mm/graphql-kit';
import type { ReviewsService, ReviewView } from './reviews.service.ts';

const emptyPage = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

export function reviewsResolvers(reviews: ReviewsService) {
  return {
    Mutation: {
      answerReview: async (
        _: unknown,
        { input }: { input: { reviewId: string; text: string } },
        ctx: GraphQLContext,
      ) => ({
        review: await reviews.answer(ctx.viewer, fromGlobalId('Review', input.reviewId, 'reviewId'), input),
      }),
    },
    Therapist: {
      reviews: (ref: { id: string }, args: { first?: number; after?: string }) => {
        let therapistId: string;
        try {
          therapistId = fromGlobalId('Therapist', ref.id);
        } catch {
          return emptyPage;
        }
        return reviews.forTherapist(therapistId, args);
      },
    },
    Review: {
      id: (r: ReviewView) => toGlobalId('Review', r.id),
      text: (r: ReviewView) => r.comment,
      answer: (r: ReviewView) =>
        r.answer !== null && r.answeredAt !== null ? { text: r.answer, answeredAt: r.answeredAt } : null,
    },
  };
}
