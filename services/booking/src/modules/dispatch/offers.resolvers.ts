import {
  forbidden,
  fromGlobalId,
  type GraphQLContext,
  requireRole,
  requireViewer,
  toGlobalId,
} from '@mm/graphql-kit';
import type { OfferUpdate, Realtime } from '../realtime/realtime.ts';
import type { OffersService, OfferWithBooking } from './offers.service.ts';

interface SubscriptionContext extends GraphQLContext {
  pubsub: { subscribe(topic: string): Promise<unknown> };
}

const offerView = (o: OfferWithBooking) => ({
  id: toGlobalId('Offer', o.offer.id),
  bookingId: toGlobalId('Booking', o.booking.id),
  status: o.offer.status,
  batchNumber: o.offer.batchNumber,
  startsAt: o.booking.startsAt,
  endsAt: o.booking.endsAt,
  durationMinutes: o.booking.durationMinutes,
  distanceKm: Math.round(o.offer.distanceMeters / 100) / 10,
  expiresAt: o.offer.expiresAt,
  modalities: o.booking.modalities,
  focusAreas: o.booking.focusAreas,
  acknowledgementRequired: o.booking.modificationsRequired,
  booking: o.booking,
});

export function offersResolvers(service: OffersService, realtime: Realtime) {
  return {
    Query: {
      myOffers: async (
        _: unknown,
        args: { first?: number; after?: string; openOnly?: boolean },
        ctx: GraphQLContext,
      ) => {
        const page = await service.listMine(requireViewer(ctx.viewer), args);
        return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: offerView(e.node) })) };
      },
    },
    Mutation: {
      acceptOffer: async (
        _: unknown,
        { input }: { input: { offerId: string; acknowledgeModifications?: boolean | null } },
        ctx: GraphQLContext,
      ) => {
        const result = await service.accept(
          requireViewer(ctx.viewer),
          fromGlobalId('Offer', input.offerId, 'offerId'),
          input.acknowledgeModifications === true,
        );
        return { offer: offerView(result), booking: result.booking };
      },
      declineOffer: async (_: unknown, { input }: { input: { offerId: string } }, ctx: GraphQLContext) => ({
        offer: offerView(
          await service.decline(requireViewer(ctx.viewer), fromGlobalId('Offer', input.offerId, 'offerId')),
        ),
      }),
    },
    Subscription: {
      offerUpdates: {
        subscribe: async (_: unknown, { viewerId }: { viewerId: string }, ctx: SubscriptionContext) => {
          const viewer = requireRole(ctx.viewer, 'THERAPIST');
          if (fromGlobalId('User', viewerId, 'viewerId') !== viewer.userId) {
            throw forbidden('You can only subscribe to your own offers.');
          }
          return ctx.pubsub.subscribe(realtime.offersTopic(viewer.userId));
        },
      },
    },
    Offer: {},
    OfferUpdate: {
      offerId: (u: OfferUpdate) => toGlobalId('Offer', u.offerId),
      bookingId: (u: OfferUpdate) => toGlobalId('Booking', u.bookingId),
    },
  };
}
