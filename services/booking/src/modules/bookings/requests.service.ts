import type { Booking, Prisma, TransactionClient } from '@mm/db';
import { forbidden, fromGlobalId, notFound, type Viewer } from '@mm/graphql-kit';
import { type EventEnvelope, emitEvent } from '@mm/queue';
import { z } from 'zod';
import type { BookingContext } from '../../context.ts';
import type { ClientAddressesRepository } from '../addresses/addresses.repository.ts';
import { type Quote, quote } from '../pricing/pricing.policy.ts';
import type { PricingRepository } from '../pricing/pricing.repository.ts';
import type { SafetyService, ScreeningSummary } from '../safety/safety.service.ts';
import { isIanaZone } from '../shared/timezone.ts';
import { BookingError } from './booking.errors.ts';
import { money, priceFields, timeFields } from './booking.fields.ts';
import { scheduleDispatchStep } from './booking.jobs.ts';
import { transition } from './booking.state-machine.ts';
import type { AfterCommit, BookingLifecycle } from './booking-lifecycle.ts';

/** Only the identity Address ID: where it is and its jurisdiction come from booking's projection. */
const addressInput = z.object({ addressId: z.string().min(1) });
const timezone = z.string().refine((tz) => isIanaZone(tz), 'must be an IANA timezone');
const modality = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z_]{2,40}$/, 'must be a modality code');

export const requestBookingInput = z.object({
  address: addressInput,
  timezone,
  startsAt: z.date(),
  durationMinutes: z.number().int(),
  modalities: z.array(modality).min(1).max(6).nullish(),
  focusAreas: z.array(z.string().trim().min(1).max(60)).max(12).nullish(),
  genderPreference: z.enum(['ANY', 'FEMALE', 'MALE', 'NON_BINARY']).nullish(),
  therapistId: z.string().nullish(),
  requestIntraOral: z.boolean().nullish(),
  notes: z.string().trim().max(1000).nullish(),
});

/** A Therapist ID (what searchTherapists returns); a User ID of the therapist is still accepted. */
export function therapistIdOf(globalId: string, field = 'therapistId'): string {
  const prefix = Buffer.from(globalId, 'base64url').toString('utf8').split(':')[0];
  return fromGlobalId(prefix === 'User' ? 'User' : 'Therapist', globalId, field);
}

export const quoteInput = z.object({ timezone, startsAt: z.date(), durationMinutes: z.number().int() });

export interface RequestsDeps {
  ctx: BookingContext;
  lifecycle: BookingLifecycle;
  pricing: PricingRepository;
  addresses: ClientAddressesRepository;
  safety: SafetyService;
}

/**
 * From a request to a search: quote, request (or a care rebook draft), screening,
 * and the hold that starts dispatch.
 */
export class RequestsService {
  constructor(private readonly d: RequestsDeps) {}

  private get now(): Date {
    return this.d.ctx.now();
  }

  async quote(raw: unknown): Promise<Quote> {
    const input = quoteInput.parse(raw);
    const book = await this.d.pricing.activePriceBook(this.now);
    return quote(book, { ...input, bookedAt: this.now });
  }

  async requestBooking(
    viewer: Viewer,
    raw: unknown,
  ): Promise<{ booking: Booking; screening: ScreeningSummary }> {
    if (viewer.role !== 'CLIENT') throw forbidden('Only client accounts can book a session.');
    const input = requestBookingInput.parse(raw);
    const now = this.now;
    const book = await this.d.pricing.activePriceBook(now);
    const q = quote(book, {
      durationMinutes: input.durationMinutes,
      startsAt: input.startsAt,
      bookedAt: now,
      timezone: input.timezone,
    });
    const requestedTherapistId = input.therapistId ? therapistIdOf(input.therapistId) : null;
    const addressId = fromGlobalId('Address', input.address.addressId, 'address.addressId');
    const requestIntraOral = input.requestIntraOral ?? false;
    const { address, screening } = await this.addressAndScreening(viewer.userId, addressId, {
      clientId: viewer.userId,
      sessionStart: input.startsAt,
      requestedIntraOral: requestIntraOral,
    });
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const { event, patch } = this.screened(screening.summary);
      const booking = await this.d.lifecycle.createApplied(tx, after, event, {
        clientId: viewer.userId,
        requestedTherapistId,
        // The client chose this therapist: a decline asks the client (AWAITING_CLIENT_CHOICE), not dispatch.
        directRequest: requestedTherapistId !== null,
        ...timeFields(input.startsAt, q.durationMinutes),
        // A copy: the booking keeps the place it was made for even if the address is archived later.
        addressId,
        latitude: address.latitude,
        longitude: address.longitude,
        jurisdiction: address.jurisdiction,
        timezone: input.timezone,
        modalities: [...new Set(input.modalities ?? ['SWEDISH'])],
        focusAreas: input.focusAreas ?? [],
        genderPreference:
          input.genderPreference && input.genderPreference !== 'ANY' ? input.genderPreference : null,
        notes: input.notes ?? null,
        requestedIntraOral: requestIntraOral,
        ...priceFields(book, q),
        ...patch,
      });
      await screening.store(tx, booking.id);
      await this.emitScreened(tx, booking, screening.summary);
      return { booking, screening: screening.summary };
    });
  }

  /**
   * What a request reads, side by side and before its transaction (under READ COMMITTED a read sees the same
   * inside one, and none takes a lock), so the transaction only writes. Screened before the booking exists,
   * so it is inserted once, in the state the outcome decides. The address is judged first.
   */
  private async addressAndScreening(
    clientId: string,
    addressId: string,
    a: { clientId: string; sessionStart: Date; requestedIntraOral: boolean },
  ) {
    const [address, screening] = await Promise.allSettled([
      // The jurisdiction decides which licenses count: it comes from the client's
      // profile (booking's projection of it), never from the request.
      this.d.addresses.findBookable(clientId, addressId),
      this.d.safety.screenNewBooking(this.d.ctx.prisma, a),
    ]);
    if (address.status === 'rejected') throw address.reason;
    if (!address.value) throw new BookingError('ADDRESS_NOT_FOUND', undefined, { addressId });
    if (screening.status === 'rejected') throw screening.reason;
    return { address: address.value, screening: screening.value };
  }

  /** A DRAFT (e.g. a rebook from care) goes through screening like a new request. */
  async submitDraft(viewer: Viewer, bookingId: string) {
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.d.lifecycle.lock(tx, bookingId);
      if (!booking || booking.clientId !== viewer.userId) throw notFound('The booking');
      transition(booking.state, 'screenPassed');
      // A draft copied an address that may have been archived since; it must still be on the profile.
      const address = await this.d.addresses.findBookable(booking.clientId, booking.addressId, tx);
      if (!address) throw new BookingError('ADDRESS_NOT_FOUND', undefined, { addressId: booking.addressId });
      // Re-price now: the draft was created earlier and the lead time changed.
      const book = await this.d.pricing.activePriceBook(this.now);
      const q = quote(book, {
        durationMinutes: booking.durationMinutes,
        startsAt: booking.startsAt,
        bookedAt: this.now,
        timezone: booking.timezone,
      });
      const repriced = await this.d.lifecycle.note(tx, booking, priceFields(book, q));
      return this.screenDraft(tx, repriced, after);
    });
  }

  private async screenDraft(tx: TransactionClient, booking: Booking, after: AfterCommit) {
    const screening = await this.d.safety.screenForBooking(tx, {
      bookingId: booking.id,
      clientId: booking.clientId,
      sessionStart: booking.startsAt,
      requestedIntraOral: booking.requestedIntraOral,
    });
    const { event, patch } = this.screened(screening);
    const next = await this.d.lifecycle.apply(tx, after, booking, event, patch);
    await this.emitScreened(tx, next, screening);
    return { booking: next, screening };
  }

  /** The booking's move out of DRAFT that a screening decides, and what it records. */
  private screened(screening: ScreeningSummary) {
    const screened = {
      screeningDecisionId: screening.decisionId,
      screeningOutcome: screening.outcome,
      modificationsRequired: screening.outcome === 'CLEAR_WITH_MODIFICATIONS',
    };
    if (screening.outcome === 'REFER' || screening.outcome === 'DEFER') {
      const patch = { ...screened, endedAt: this.now, endReason: `SCREENING_${screening.outcome}` };
      return { event: 'screenBlocked' as const, patch };
    }
    return { event: 'screenPassed' as const, patch: screened };
  }

  /** booking.blocked or booking.requested, in the transaction that screened the booking. */
  private async emitScreened(tx: TransactionClient, booking: Booking, screening: ScreeningSummary) {
    if (screening.outcome === 'REFER' || screening.outcome === 'DEFER') {
      await emitEvent(tx, {
        type: 'booking.blocked',
        aggregateType: 'Booking',
        aggregateId: booking.id,
        payload: {
          bookingId: booking.id,
          clientId: booking.clientId,
          outcome: screening.outcome,
          stage: 'BOOKING',
        },
      });
      return;
    }
    await emitEvent(tx, {
      type: 'booking.requested',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: {
        bookingId: booking.id,
        clientId: booking.clientId,
        kind: booking.kind,
        requestedTherapistId: booking.requestedTherapistId,
        startsAt: booking.startsAt.toISOString(),
        durationMinutes: booking.durationMinutes,
        price: {
          subtotal: money(booking, booking.subtotal),
          platformFee: money(booking, booking.platformFee),
          tip: money(booking, 0),
        },
      },
    });
  }

  /** payment.hold_placed / payment.hold_scheduled: SCREENED → SEARCHING; the first dispatch step is enqueued. */
  async holdReady(tx: TransactionClient, bookingId: string, deferred: boolean): Promise<void> {
    const booking = await this.d.lifecycle.lock(tx, bookingId);
    if (!booking) return;
    const now = this.now;
    const held = deferred ? {} : { paymentHeldAt: booking.paymentHeldAt ?? now };
    // A deferred hold placed later (48 h before) only records that the card is held: the booking is dispatched.
    if (booking.state !== 'SCREENED') {
      if (!deferred && !booking.paymentHeldAt) await this.d.lifecycle.note(tx, booking, held);
      return;
    }
    const after: AfterCommit = [];
    await this.d.lifecycle.apply(tx, after, booking, deferred ? 'authorizationDeferred' : 'holdPlaced', {
      ...held,
      searchStartedAt: now,
      dispatchRound: booking.dispatchRound + 1,
      batchesSent: 0,
      batchExpiresAt: null,
    });
    await scheduleDispatchStep(tx, { id: booking.id, dispatchRound: booking.dispatchRound + 1 }, now);
    // The consumer's transaction commits after this returns; the live update is best effort.
    for (const effect of after) await effect().catch(() => undefined);
  }

  /** care.rebook_requested: a DRAFT with the same therapist, at the client's last address. */
  async createRebookDraft(
    tx: TransactionClient,
    event: EventEnvelope<'care.rebook_requested'>,
  ): Promise<void> {
    const { clientId, therapistId, startsAt } = event.payload;
    const template = await this.d.lifecycle.repo.lastForRebook(tx, clientId, therapistId);
    if (!template) return;
    await this.d.lifecycle.create(tx, {
      clientId,
      requestedTherapistId: therapistId,
      ...timeFields(new Date(startsAt), template.durationMinutes),
      addressId: template.addressId,
      latitude: template.latitude,
      longitude: template.longitude,
      jurisdiction: template.jurisdiction,
      timezone: template.timezone,
      modalities: template.modalities,
      focusAreas: template.focusAreas,
      genderPreference: null,
      notes: `Rebook (suggestion ${event.payload.suggestionId})`,
      requestedIntraOral: template.requestedIntraOral,
      priceBookVersion: template.priceBookVersion,
      quote: template.quote as Prisma.InputJsonValue,
      currency: template.currency,
      subtotal: template.subtotal,
      platformFee: template.platformFee,
    });
  }
}
