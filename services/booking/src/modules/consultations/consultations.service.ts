import type { Booking, TransactionClient } from '@mm/db';
import { fromGlobalId, notFound, requireRole, toGlobalId, type Viewer } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import { z } from 'zod';
import type { BookingContext } from '../../context.ts';
import type { ClientAddressesRepository } from '../addresses/addresses.repository.ts';
import { BookingError } from '../bookings/booking.errors.ts';
import { money, priceFields } from '../bookings/booking.fields.ts';
import { scheduleDispatchStep } from '../bookings/booking.jobs.ts';
import type { AfterCommit, BookingLifecycle } from '../bookings/booking-lifecycle.ts';
import { type RequestsService, therapistIdOf } from '../bookings/requests.service.ts';
import type { PricingRepository } from '../pricing/pricing.repository.ts';
import type { SafetyService, ScreeningSummary } from '../safety/safety.service.ts';
import { CONSULTATION_MODES, consultationQuote, consultationTimes } from './consultation.policy.ts';
import { ConsultationError } from './consultations.errors.ts';
import type { TherapistSettingsRepository } from './settings.repository.ts';

export const requestConsultationInput = z.object({
  therapistId: z.string().min(1),
  address: z.object({ addressId: z.string().min(1) }),
  timezone: z.string(),
  startsAt: z.date(),
  mode: z.enum(CONSULTATION_MODES),
});

export const firstSessionInput = z.object({
  consultationId: z.string().min(1),
  startsAt: z.date(),
  durationMinutes: z.number().int(),
  modalities: z.array(z.string()).nullish(),
  focusAreas: z.array(z.string()).nullish(),
  requestIntraOral: z.boolean().nullish(),
  notes: z.string().nullish(),
});

export interface ConsultationsDeps {
  ctx: BookingContext;
  lifecycle: BookingLifecycle;
  pricing: PricingRepository;
  addresses: ClientAddressesRepository;
  safety: SafetyService;
  settings: TherapistSettingsRepository;
  requests: RequestsService;
}

/**
 * A free consultation: a direct request to a therapist who offers them,
 * screened so the therapist reads the intake's result but never gated on it,
 * no card hold (booking.requested says CONSULTATION and payments skips it),
 * and a one-tap first session with the same therapist afterwards.
 */
export class ConsultationsService {
  constructor(private readonly d: ConsultationsDeps) {}

  async setOffers(viewer: Viewer | null, offers: boolean): Promise<boolean> {
    const therapist = requireRole(viewer, 'THERAPIST');
    return this.d.settings.setOffersConsultation(therapist.userId, offers);
  }

  async request(
    viewer: Viewer | null,
    raw: unknown,
  ): Promise<{ booking: Booking; screening: ScreeningSummary }> {
    const client = requireRole(viewer, 'CLIENT');
    const input = requestConsultationInput.parse(raw);
    const therapistId = therapistIdOf(input.therapistId);
    if (!(await this.d.settings.offersConsultation(therapistId))) {
      throw new ConsultationError('CONSULTATION_NOT_OFFERED');
    }
    const now = this.d.ctx.now();
    const book = await this.d.pricing.activePriceBook(now);
    const q = consultationQuote(book, { ...input, bookedAt: now });
    const addressId = fromGlobalId('Address', input.address.addressId, 'address.addressId');
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const address = await this.d.addresses.findBookable(client.userId, addressId, tx);
      if (!address) throw new BookingError('ADDRESS_NOT_FOUND', undefined, { addressId });
      const draft = await this.d.lifecycle.create(tx, {
        clientId: client.userId,
        kind: 'CONSULTATION',
        consultationMode: input.mode,
        requestedTherapistId: therapistId,
        directRequest: true,
        ...consultationTimes(input.startsAt),
        addressId,
        latitude: address.latitude,
        longitude: address.longitude,
        jurisdiction: address.jurisdiction,
        timezone: input.timezone,
        modalities: [],
        focusAreas: [],
        ...priceFields(book, q),
      });
      return this.start(tx, after, draft);
    });
  }

  /** Screened for the therapist to read (intake required), never blocked; searching at once. */
  private async start(tx: TransactionClient, after: AfterCommit, draft: Booking) {
    const screening = await this.d.safety.screenForBooking(tx, {
      bookingId: draft.id,
      clientId: draft.clientId,
      sessionStart: draft.startsAt,
      requestedIntraOral: false,
    });
    const now = this.d.ctx.now();
    const booking = await this.d.lifecycle.apply(tx, after, draft, 'consultationRequested', {
      screeningDecisionId: screening.decisionId,
      screeningOutcome: screening.outcome,
      // A talk needs no acknowledgement of hands-on modifications; the therapist still sees them.
      modificationsRequired: false,
      searchStartedAt: now,
      dispatchRound: 1,
      batchesSent: 0,
    });
    await emitEvent(tx, {
      type: 'booking.requested',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: {
        bookingId: booking.id,
        clientId: booking.clientId,
        kind: 'CONSULTATION',
        requestedTherapistId: booking.requestedTherapistId,
        startsAt: booking.startsAt.toISOString(),
        durationMinutes: booking.durationMinutes,
        price: { subtotal: money(booking, 0), platformFee: money(booking, 0), tip: money(booking, 0) },
      },
    });
    await scheduleDispatchStep(tx, booking, now);
    return { booking, screening };
  }

  /** The assigned therapist held the call: CONFIRMED → COMPLETED (no capture, no care session). */
  async hold(viewer: Viewer | null, bookingId: string): Promise<Booking> {
    const therapist = requireRole(viewer, 'THERAPIST');
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.d.lifecycle.lock(tx, bookingId);
      if (!booking || booking.therapistId !== therapist.userId) throw notFound('The booking');
      if (booking.kind !== 'CONSULTATION') throw new ConsultationError('NOT_A_CONSULTATION');
      return this.d.lifecycle.apply(tx, after, booking, 'consultationHeld', {
        completedAt: this.d.ctx.now(),
      });
    });
  }

  /** One tap after a consultation: a SESSION requested directly from the same therapist, same address. */
  async bookFirstSession(viewer: Viewer | null, consultationId: string, raw: unknown) {
    const client = requireRole(viewer, 'CLIENT');
    const input = firstSessionInput.parse(raw);
    const c = await this.d.lifecycle.repo.find(consultationId);
    if (!c || c.clientId !== client.userId) throw notFound('The consultation');
    if (c.kind !== 'CONSULTATION' || !c.therapistId || !['CONFIRMED', 'COMPLETED'].includes(c.state)) {
      throw new ConsultationError('NOT_A_CONSULTATION');
    }
    return this.d.requests.requestBooking(client, {
      address: { addressId: toGlobalId('Address', c.addressId) },
      timezone: c.timezone,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      modalities: input.modalities,
      focusAreas: input.focusAreas,
      requestIntraOral: input.requestIntraOral,
      notes: input.notes,
      therapistId: toGlobalId('Therapist', c.therapistId),
    });
  }
}
