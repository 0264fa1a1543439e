import {
  badInput,
  fromGlobalId,
  type GraphQLContext,
  pageRequest,
  requireRole,
  toConnection,
  toGlobalId,
} from '@mm/graphql-kit';
import type { CasesRepository } from './cases.repository.ts';

interface SearchArgs {
  clientId?: string | null;
  therapistId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** The admin console's booking finder: by client or by therapist (the confirmed or requested one). */
export function bookingSearchResolvers(repo: CasesRepository) {
  return {
    Query: {
      searchBookings: async (_: unknown, args: SearchArgs, ctx: GraphQLContext) => {
        requireRole(ctx.viewer, 'ADMIN');
        if (!args.clientId && !args.therapistId) {
          throw badInput('Give a clientId or a therapistId.', [{ path: 'clientId', message: 'required' }]);
        }
        const page = pageRequest(args, 20);
        const therapistId = args.therapistId ? fromGlobalId('User', args.therapistId, 'therapistId') : null;
        const clientId = args.clientId ? fromGlobalId('User', args.clientId, 'clientId') : null;
        const rows = await repo.searchBookings({ clientId, therapistId, after: page.after, take: page.take });
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
