import type { Booking, Rating, SafetyAlert } from '@mm/db';
import {
  forbidden,
  fromGlobalId,
  type GraphQLContext,
  notFound,
  pageRequest,
  referenceLoader,
  requireRole,
  requireViewer,
  toConnection,
  toGlobalId,
} from '@mm/graphql-kit';
import type { Quote } from '../pricing/pricing.policy.ts';
import type { RelationshipsService, TherapistPreference } from '../ratings/relationships.service.ts';
import type { BookingStatusUpdate, Realtime } from '../realtime/realtime.ts';
import { canSee } from './booking.fields.ts';
import { allowedEvents } from './booking.state-machine.ts';
import { connectionColumns, type FieldNode } from './booking-columns.ts';
import type { BookingsRepository } from './bookings.repository.ts';
import type { CancellationsService, StoredCancellation } from './cancellations.service.ts';
import type { CheckoutWatch } from './checkout.service.ts';
import { asLoaderParent } from './primed-screening.ts';
import type { RatingsService } from './ratings.service.ts';
import type { RequestsService } from './requests.service.ts';
import type { VisitsService } from './visits.service.ts';

const userId = (id: string | null) => (id ? toGlobalId('User', id) : null);
const bookingId = (input: { bookingId: string }) => fromGlobalId('Booking', input.bookingId, 'bookingId');

export const quoteView = (q: Quote) => {
  const money = (amount: number) => ({ amount, currency: q.currency });
  return {
    priceBookVersion: q.priceBookVersion,
    durationMinutes: q.durationMinutes,
    lines: q.lines.map((l) => ({ code: l.code, label: l.label, amount: money(l.amount) })),
    subtotal: money(q.subtotal),
    platformFee: money(q.platformFee),
    therapistPayout: money(q.therapistPayout - q.tip),
    total: money(q.total),
  };
};

export const cancellationView = (c: StoredCancellation) => ({
  actor: c.actor,
  reason: c.reason,
  window: c.window,
  fee: { amount: c.feeAmount, currency: c.currency },
  therapistShare: { amount: c.therapistShare, currency: c.currency },
  explanation: c.explanation,
  policyVersion: c.policyVersion,
});

interface SubscriptionContext extends GraphQLContext {
  pubsub: { subscribe(topic: string): Promise<unknown> };
}

export interface BookingsResolverDeps {
  requests: RequestsService;
  visits: VisitsService;
  cancellations: CancellationsService;
  ratings: RatingsService;
  repo: BookingsRepository;
  checkout: CheckoutWatch;
  relationships: RelationshipsService;
  realtime: Realtime;
}

const withBooking =
  (run: (ctx: GraphQLContext, input: { bookingId: string }) => Promise<Booking>) =>
  async (_: unknown, { input }: { input: { bookingId: string } }, ctx: GraphQLContext) => ({
    booking: await run(ctx, input),
  });

function bookingQueries(deps: BookingsResolverDeps) {
  const { requests, checkout } = deps;
  return {
    Query: {
      booking: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
        const viewer = requireViewer(ctx.viewer);
        const booking = await deps.repo.find(fromGlobalId('Booking', id));
        if (!booking || !canSee(viewer, booking)) throw notFound('The booking');
        return booking;
      },
      myBookings: async (
        _: unknown,
        args: { first?: number; after?: string },
        ctx: GraphQLContext,
        info: { fieldNodes: readonly FieldNode[] },
      ) => {
        const viewer = requireViewer(ctx.viewer);
        const page = pageRequest(args);
        const rows = await deps.repo.listForViewer(viewer, page.take, page.after, connectionColumns(info));
        return toConnection(
          rows.map((b) => asLoaderParent(b)),
          page.size,
          (b) => [b.startsAt.toISOString(), b.id],
        );
      },
      cancellationQuote: async (_: unknown, args: { bookingId: string }, ctx: GraphQLContext) => {
        const { booking, outcome, quotedAt } = await deps.cancellations.quote(
          requireViewer(ctx.viewer),
          bookingId(args),
        );
        const money = (amount: number) => ({ amount, currency: booking.currency });
        return {
          bookingId: toGlobalId('Booking', booking.id),
          window: outcome.window,
          feeBps: outcome.feeBps,
          fee: money(outcome.feeAmount),
          refund: money(outcome.releaseAmount),
          therapistShare: money(outcome.therapistShare),
          explanation: outcome.explanation,
          policyVersion: outcome.policyVersion,
          quotedAt,
        };
      },
      bookingQuote: async (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) => {
        requireViewer(ctx.viewer);
        return quoteView(await requests.quote(input));
      },
      safetyAlerts: (
        _: unknown,
        args: { first?: number; after?: string; unresolvedOnly?: boolean },
        ctx: GraphQLContext,
      ) => checkout.list(ctx.viewer, args),
    },
  };
}

function visitMutations(deps: BookingsResolverDeps) {
  const { visits } = deps;
  const mutation = withBooking;
  return {
    startEnRoute: mutation((ctx, i) => visits.startEnRoute(requireViewer(ctx.viewer), bookingId(i))),
    arriveAtBooking: mutation((ctx, i) => visits.arrive(requireViewer(ctx.viewer), bookingId(i))),
    startSession: mutation((ctx, i) => visits.startSession(requireViewer(ctx.viewer), bookingId(i))),
    completeSession: mutation((ctx, i) => visits.complete(requireViewer(ctx.viewer), bookingId(i))),
    markNoShow: mutation((ctx, i) => visits.markNoShow(requireViewer(ctx.viewer), bookingId(i))),
    recordDayOfCheck: async (
      _: unknown,
      { input }: { input: { bookingId: string } & Record<string, unknown> },
      ctx: GraphQLContext,
    ) => {
      const { bookingId: id, ...answers } = input;
      return {
        check: await visits.recordDayOfCheck(ctx.viewer, fromGlobalId('Booking', id, 'bookingId'), answers),
      };
    },
    endVisitAtDoor: async (_: unknown, { input }: { input: { checkId: string } }, ctx: GraphQLContext) => ({
      check: await visits.endVisit(ctx.viewer, fromGlobalId('DayOfCheck', input.checkId, 'checkId')),
    }),
  };
}

function otherMutations(deps: BookingsResolverDeps) {
  const { requests, checkout, relationships } = deps;
  return {
    requestBooking: async (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) => {
      const { booking, screening } = await requests.requestBooking(requireViewer(ctx.viewer), input);
      return { booking: asLoaderParent(booking, screening) };
    },
    submitBooking: async (_: unknown, { input }: { input: { bookingId: string } }, ctx: GraphQLContext) => {
      const { booking, screening } = await requests.submitDraft(requireViewer(ctx.viewer), bookingId(input));
      return { booking: asLoaderParent(booking, screening) };
    },
    cancelBooking: async (_: unknown, { input }: { input: { bookingId: string } }, ctx: GraphQLContext) => {
      const result = await deps.cancellations.cancel(requireViewer(ctx.viewer), bookingId(input));
      return { booking: result.booking, cancellation: cancellationView(result.cancellation) };
    },
    rateSession: async (
      _: unknown,
      { input }: { input: { bookingId: string; score: number; comment?: string } },
      ctx: GraphQLContext,
    ) => ({ rating: await deps.ratings.rate(requireViewer(ctx.viewer), bookingId(input), input) }),
    setTherapistPreference: async (
      _: unknown,
      { input }: { input: { therapistId: string; preference: TherapistPreference } },
      ctx: GraphQLContext,
    ) => ({
      therapistId: input.therapistId,
      preference: await relationships.setPreference(
        requireViewer(ctx.viewer),
        fromGlobalId('User', input.therapistId, 'therapistId'),
        input.preference,
      ),
    }),
    setClientBlocked: async (
      _: unknown,
      { input }: { input: { clientId: string; blocked: boolean } },
      ctx: GraphQLContext,
    ) => ({
      clientId: input.clientId,
      blocked: await relationships.setBlocked(
        requireViewer(ctx.viewer),
        fromGlobalId('User', input.clientId, 'clientId'),
        input.blocked,
      ),
    }),
    resolveSafetyAlert: async (
      _: unknown,
      { input }: { input: { alertId: string } },
      ctx: GraphQLContext,
    ) => ({
      alert: await checkout.resolve(ctx.viewer, fromGlobalId('SafetyAlert', input.alertId, 'alertId')),
    }),
  };
}

export function bookingsResolvers(deps: BookingsResolverDeps) {
  const { realtime } = deps;
  return {
    ...bookingQueries(deps),
    Mutation: { ...otherMutations(deps), ...visitMutations(deps) },
    Subscription: {
      bookingUpdates: {
        subscribe: async (_: unknown, { viewerId }: { viewerId: string }, ctx: SubscriptionContext) => {
          const viewer = requireRole(ctx.viewer, 'CLIENT');
          if (fromGlobalId('User', viewerId, 'viewerId') !== viewer.userId) {
            throw forbidden('You can only subscribe to your own bookings.');
          }
          return ctx.pubsub.subscribe(realtime.bookingsTopic(viewer.userId));
        },
      },
    },
    BookingStatusUpdate: {
      bookingId: (u: BookingStatusUpdate) => toGlobalId('Booking', u.bookingId),
      therapistId: (u: BookingStatusUpdate) => userId(u.therapistId),
    },
    Booking: {
      id: (b: Booking) => toGlobalId('Booking', b.id),
      clientId: (b: Booking) => toGlobalId('User', b.clientId),
      therapistId: (b: Booking) => userId(b.therapistId),
      requestedTherapistId: (b: Booking) => userId(b.requestedTherapistId),
      genderPreference: (b: Booking) => b.genderPreference ?? 'ANY',
      quote: (b: Booking) => quoteView(b.quote as unknown as Quote),
      cancellation: (b: Booking) =>
        b.cancellation ? cancellationView(b.cancellation as unknown as StoredCancellation) : null,
      allowedEvents: (b: Booking) => allowedEvents(b.state),
    },
    Rating: {
      id: (r: Rating) => toGlobalId('Rating', r.id),
      bookingId: (r: Rating) => toGlobalId('Booking', r.bookingId),
    },
    SafetyAlert: {
      id: (a: SafetyAlert) => toGlobalId('SafetyAlert', a.id),
      bookingId: (a: SafetyAlert) => toGlobalId('Booking', a.bookingId),
      therapistId: (a: SafetyAlert) => toGlobalId('User', a.therapistId),
    },
  };
}

/** Federation's references to bookings, one query for all of a request's; null where the viewer may not see. */
export const bookingReferenceLoader = (repo: BookingsRepository) =>
  referenceLoader(
    'Booking',
    (ids) => repo.findMany(ids),
    (b, ctx) => ctx.viewer !== null && canSee(ctx.viewer, b),
  );
