import type { SessionNote, SessionNoteVersion } from '@mm/db';
import { type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { CareServices } from '../services.ts';

type Input = { input: unknown };

export function notesResolvers(s: Pick<CareServices, 'notes'>) {
  const soap = (n: { id: string; sealed: string }) => s.notes.open(n);
  return {
    Query: {
      sessionNote: (_: unknown, args: { bookingId: string }, ctx: GraphQLContext) =>
        s.notes.get(requireViewer(ctx.viewer), args.bookingId),
    },
    Mutation: {
      writeSessionNote: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        note: await s.notes.write(requireViewer(ctx.viewer), input),
      }),
    },
    SessionNote: {
      id: (n: SessionNote) => toGlobalId('SessionNote', n.id),
      bookingId: (n: SessionNote) => toGlobalId('Booking', n.bookingId),
      clientId: (n: SessionNote) => toGlobalId('User', n.clientId),
      therapistId: (n: SessionNote) => toGlobalId('User', n.therapistId),
      subjective: (n: SessionNote) => soap(n).subjective,
      objective: (n: SessionNote) => soap(n).objective,
      assessment: (n: SessionNote) => soap(n).assessment,
      plan: (n: SessionNote) => soap(n).plan,
      locked: (n: SessionNote) => s.notes.isLocked(n),
      versions: (n: SessionNote) => s.notes.versions(n.id),
    },
    SessionNoteVersion: {
      subjective: (v: SessionNoteVersion) => soap(v).subjective,
      objective: (v: SessionNoteVersion) => soap(v).objective,
      assessment: (v: SessionNoteVersion) => soap(v).assessment,
      plan: (v: SessionNoteVersion) => soap(v).plan,
    },
  };
}
