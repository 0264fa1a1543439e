import { fromGlobalId, type GraphQLContext, toGlobalId } from '@mm/graphql-kit';
import type { BookingScreeningView, SafetyService } from './safety.service.ts';

export function safetyResolvers(service: SafetyService) {
  return {
    Query: {
      bookingScreening: (_: unknown, { bookingId }: { bookingId: string }, ctx: GraphQLContext) =>
        service.explainForBooking(ctx.viewer, fromGlobalId('Booking', bookingId, 'bookingId')),
    },
    Mutation: {
      chooseGentleOnly: async (
        _: unknown,
        { input }: { input: { bookingId: string } },
        ctx: GraphQLContext,
      ) => ({
        screening: await service.chooseGentleOnly(
          ctx.viewer,
          fromGlobalId('Booking', input.bookingId, 'bookingId'),
        ),
      }),
    },
    ScreeningExplanation: {
      decisionId: (s: BookingScreeningView) => toGlobalId('ScreeningDecision', s.decisionId),
      bookingId: (s: BookingScreeningView) => toGlobalId('Booking', s.bookingId),
    },
  };
}
