import { fromGlobalId, type GraphQLContext } from '@mm/graphql-kit';
import type { ConsultationsService } from './consultations.service.ts';
import type { TherapistSettingsRepository } from './settings.repository.ts';

type Input<T = Record<string, unknown>> = { input: T };

export function consultationsResolvers(consultations: ConsultationsService) {
  return {
    Mutation: {
      requestConsultation: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
        booking: (await consultations.request(ctx.viewer, input)).booking,
      }),
      setOffersConsultation: async (
        _: unknown,
        { input }: Input<{ offers: boolean }>,
        ctx: GraphQLContext,
      ) => ({
        offersConsultation: await consultations.setOffers(ctx.viewer, input.offers),
      }),
      completeConsultation: async (
        _: unknown,
        { input }: Input<{ bookingId: string }>,
        ctx: GraphQLContext,
      ) => ({
        booking: await consultations.hold(ctx.viewer, fromGlobalId('Booking', input.bookingId, 'bookingId')),
      }),
      bookFirstSessionAfterConsultation: async (
        _: unknown,
        { input }: Input<{ consultationId: string }>,
        ctx: GraphQLContext,
      ) => ({
        booking: (
          await consultations.bookFirstSession(
            ctx.viewer,
            fromGlobalId('Booking', input.consultationId, 'consultationId'),
            input,
          )
        ).booking,
      }),
    },
  };
}

/** Therapist.offersConsultation, one query per page of therapists. */
export function consultationLoaders(settings: TherapistSettingsRepository) {
  return {
    Therapist: {
      offersConsultation: async (queries: { obj: { id: string } }[]) => {
        const ids = queries.map((q) => therapistUuid(q.obj.id));
        const offering = await settings.offersConsultationMany(ids.filter((id): id is string => id !== null));
        return ids.map((id) => id !== null && offering.has(id));
      },
    },
  };
}

function therapistUuid(globalId: string): string | null {
  try {
    return fromGlobalId('Therapist', globalId);
  } catch {
    return null;
  }
}
