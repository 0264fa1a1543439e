import { forbidden, fromGlobalId, type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { Realtime } from '../realtime/realtime.ts';
import type { MessagesService, MessageView } from './messages.service.ts';

interface SubscriptionContext extends GraphQLContext {
  pubsub: { subscribe(topic: string): Promise<unknown> };
}
type PageArgs = { bookingId: string; first?: number | null; after?: string | null };
const bookingIdOf = (id: string) => fromGlobalId('Booking', id, 'bookingId');

export function messagesResolvers(messages: MessagesService, realtime: Realtime) {
  return {
    Query: {
      bookingMessages: (_: unknown, args: PageArgs, ctx: GraphQLContext) =>
        messages.list(ctx.viewer, bookingIdOf(args.bookingId), args),
      bookingMessageReport: (_: unknown, args: PageArgs, ctx: GraphQLContext) =>
        messages.report(ctx.viewer, bookingIdOf(args.bookingId), args),
    },
    Mutation: {
      sendBookingMessage: (
        _: unknown,
        { input }: { input: { bookingId: string; text: string } },
        ctx: GraphQLContext,
      ) => messages.send(ctx.viewer, bookingIdOf(input.bookingId), input.text),
    },
    Subscription: {
      bookingMessageAdded: {
        subscribe: async (
          _: unknown,
          args: { viewerId: string; bookingId: string },
          ctx: SubscriptionContext,
        ) => {
          const viewer = requireViewer(ctx.viewer);
          if (fromGlobalId('User', args.viewerId, 'viewerId') !== viewer.userId) {
            throw forbidden('You can only subscribe as yourself.');
          }
          const bookingId = bookingIdOf(args.bookingId);
          await messages.assertParticipant(viewer, bookingId);
          return ctx.pubsub.subscribe(realtime.messagesTopic(bookingId));
        },
      },
    },
    BookingMessage: {
      id: (m: MessageView) => toGlobalId('BookingMessage', m.id),
      bookingId: (m: MessageView) => toGlobalId('Booking', m.bookingId),
    },
    BookingMessageNotice: {
      bookingId: (n: { bookingId: string }) => toGlobalId('Booking', n.bookingId),
      messageId: (n: { messageId: string }) => toGlobalId('BookingMessage', n.messageId),
    },
  };
}
