import type { OverPressureIncident } from '@mm/db';
import { fromGlobalId, type GraphQLContext, toGlobalId } from '@mm/graphql-kit';
import type { BookingScreeningView } from '../safety/safety.service.ts';
import type { DayOfCheckView, DayOfService } from './day-of.service.ts';
import type { PressureReportView, PressureService } from './pressure.service.ts';

/** Day-of reads and the check's own mutations; recording a check and ending a visit move the booking, so they are the bookings module's. */
export function dayOfResolvers(service: DayOfService, pressure: PressureService) {
  return {
    Query: {
      overPressureIncidents: (
        _: unknown,
        args: { status?: 'OPEN' | 'RESOLVED' | null; first?: number | null; after?: string | null },
        ctx: GraphQLContext,
      ) => pressure.incidents(ctx.viewer, args),
    },
    Mutation: dayOfMutations(service, pressure),
    ScreeningExplanation: {
      dayOfChecks: (s: BookingScreeningView) => service.checksForBooking(s.bookingId),
    },
    ...dayOfTypes,
  };
}

function dayOfMutations(service: DayOfService, pressure: PressureService) {
  return {
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
    reportSessionPressure: async (
      _: unknown,
      { input }: { input: { bookingId: string } & Record<string, unknown> },
      ctx: GraphQLContext,
    ) => {
      const { bookingId, ...report } = input;
      return {
        report: await pressure.reportPressure(
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
      incident: await pressure.resolveIncident(
        ctx.viewer,
        fromGlobalId('OverPressureIncident', input.incidentId, 'incidentId'),
        input.resolution,
      ),
    }),
  };
}

/** Global IDs out. */
const dayOfTypes = {
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
