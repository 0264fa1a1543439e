import type { OverPressureIncident } from '@mm/db';
import { fromGlobalId, type GraphQLContext, toGlobalId } from '@mm/graphql-kit';
import type { BookingScreeningView } from '../screening/screening.service.ts';
import type { DayOfCheckView, DayOfService, PressureReportView } from './day-of.service.ts';

export function dayOfResolvers(service: DayOfService) {
  return {
    Query: {
      overPressureIncidents: (
        _: unknown,
        args: { status?: 'OPEN' | 'RESOLVED' | null; first?: number | null; after?: string | null },
        ctx: GraphQLContext,
      ) => service.incidents(ctx.viewer, args),
    },
    Mutation: {
      recordDayOfCheck: async (
        _: unknown,
        { input }: { input: { bookingId: string } & Record<string, unknown> },
        ctx: GraphQLContext,
      ) => {
        const { bookingId, ...answers } = input;
        return {
          check: await service.record(ctx.viewer, fromGlobalId('Booking', bookingId, 'bookingId'), answers),
        };
      },
      acknowledgeDayOfModifications: async (
        _: unknown,
        { input }: { input: { checkId: string; modificationKeys: string[] } },
        ctx: GraphQLContext,
      ) => ({
        check: await service.acknowledge(
          ctx.viewer,
          fromGlobalId('DayOfCheck', input.checkId, 'checkId'),
          input.modificationKeys,
        ),
      }),
      endVisitAtDoor: async (_: unknown, { input }: { input: { checkId: string } }, ctx: GraphQLContext) => ({
        check: await service.endVisit(ctx.viewer, fromGlobalId('DayOfCheck', input.checkId, 'checkId')),
      }),
      reportSessionPressure: async (
        _: unknown,
        { input }: { input: { bookingId: string } & Record<string, unknown> },
        ctx: GraphQLContext,
      ) => {
        const { bookingId, ...report } = input;
        return {
          report: await service.reportPressure(
            ctx.viewer,
            fromGlobalId('Booking', bookingId, 'bookingId'),
            report,
          ),
        };
      },
      resolveOverPressureIncident: async (
        _: unknown,
        { input }: { input: { incidentId: string; resolution: string } },
        ctx: GraphQLContext,
      ) => ({
        incident: await service.resolveIncident(
          ctx.viewer,
          fromGlobalId('OverPressureIncident', input.incidentId, 'incidentId'),
          input.resolution,
        ),
      }),
    },
    ScreeningExplanation: {
      dayOfChecks: (s: BookingScreeningView) => service.checksForBooking(s.bookingId),
    },
    DayOfCheck: {
      id: (c: DayOfCheckView) => toGlobalId('DayOfCheck', c.id),
      bookingId: (c: DayOfCheckView) => toGlobalId('Booking', c.bookingId),
    },
    SessionPressureReport: {
      bookingId: (r: PressureReportView) => toGlobalId('Booking', r.bookingId),
      incidentId: (r: PressureReportView) =>
        r.incidentId ? toGlobalId('OverPressureIncident', r.incidentId) : null,
    },
    OverPressureIncident: {
      id: (i: OverPressureIncident) => toGlobalId('OverPressureIncident', i.id),
      bookingId: (i: OverPressureIncident) => toGlobalId('Booking', i.bookingId),
      clientId: (i: OverPressureIncident) => toGlobalId('User', i.clientId),
      therapistId: (i: OverPressureIncident) => toGlobalId('User', i.therapistId),
    },
  };
}
