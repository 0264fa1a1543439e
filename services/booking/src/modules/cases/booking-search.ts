import type { PrismaClient } from '@mm/db';
import {
  badInput,
  fromGlobalId,
  type GraphQLContext,
  newestFirstAfter,
  pageRequest,
  requireRole,
  toConnection,
  toGlobalId,
} from '@mm/graphql-kit';

interface SearchArgs {
  clientId?: string | null;
  therapistId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** The admin console's booking finder: by client or by therapist (the confirmed or requested one). */
export function bookingSearchResolvers(prisma: PrismaClient) {
  return {
    Query: {
      searchBookings: async (_: unknown, args: SearchArgs, ctx: GraphQLContext) => {
        requireRole(ctx.viewer, 'ADMIN');
        if (!args.clientId && !args.therapistId) {
          throw badInput('Give a clientId or a therapistId.', [{ path: 'clientId', message: 'required' }]);
        }
        const page = pageRequest(args, 20);
        const therapistId = args.therapistId ? fromGlobalId('User', args.therapistId, 'therapistId') : null;
        const rows = await prisma.booking.findMany({
          where: {
            AND: [
              args.clientId ? { clientId: fromGlobalId('User', args.clientId, 'clientId') } : {},
              therapistId ? { OR: [{ therapistId }, { requestedTherapistId: therapistId }] } : {},
              newestFirstAfter('startsAt', page.after),
            ],
          },
          orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
          take: page.take,
          select: {
            id: true,
            state: true,
            clientId: true,
            therapistId: true,
            startsAt: true,
            durationMinutes: true,
          },
        });
        return toConnection(rows, page.size, (r) => [r.startsAt.toISOString(), r.id]);
      },
    },
    BookingSummary: {
      id: (b: { id: string }) => toGlobalId('Booking', b.id),
      clientId: (b: { clientId: string }) => toGlobalId('User', b.clientId),
      therapistId: (b: { therapistId: string | null }) =>
        b.therapistId ? toGlobalId('User', b.therapistId) : null,
    },
  };
}
