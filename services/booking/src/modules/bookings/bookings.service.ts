import type { Booking, Prisma, TransactionClient } from '@mm/db';
import { forbidden, fromGlobalId, notFound, type Viewer } from '@mm/graphql-kit';
import { type EventEnvelope, emitEvent } from '@mm/queue';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { BookingContext } from '../../context.ts';
import type { ClientAddressesRepository } from '../addresses/addresses.repository.ts';
import type { DirectoryRepository } from '../directory/directory.repository.ts';
import type { BookingJobs } from '../dispatch/dispatch.queue.ts';
import { type PriceBook, type Quote, quote } from '../pricing/pricing.policy.ts';
import type { PricingRepository } from '../pricing/pricing.repository.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { BookingError, BookingErrorCode } from './booking.errors.ts';
import { type BookingEvent, type BookingState, transition } from './booking.state-machine.ts';
import type { BookingsRepository } from './bookings.repository.ts';
import { type CancellationOutcome, cancellationFee } from './cancellation.policy.ts';
import type { DayOfPort, ScreeningPort, ScreeningSummary } from './safety.ports.ts';

/** An amount in the booking's currency, as events carry money. */
const money = (booking: { currency: string }, amount: number) => ({ amount, currency: booking.currency });

/** Each side of a session: the gap between two jobs of one therapist is twice this. */
export const TRAVEL_BUFFER_MINUTES = 15;
/** A therapist still on site this long after the planned end raises a trust-and-safety alert. */
export const CHECKOUT_ALERT_AFTER_MINUTES = 40;

const MINUTE = 60_000;

export type AfterCommit = (() => Promise<void>)[];

/** Only the identity Address ID: where it is and its jurisdiction come from booking's projection. */
const addressInput = z.object({ addressId: z.string().min(1) });
const timezone = z.string().refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA timezone');
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

export const quoteInput = z.object({ timezone, startsAt: z.date(), durationMinutes: z.number().int() });

const ratingInput = z.object({
  score: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  comment: z.string().trim().max(2000).nullish(),
});

export interface StoredCancellation extends CancellationOutcome {
  actor: 'CLIENT' | 'THERAPIST' | 'SYSTEM';
  reason: string;
  currency: string;
  at: string;
}

export interface BookingsDeps {
  ctx: BookingContext;
  repo: BookingsRepository;
  pricing: PricingRepository;
  directory: DirectoryRepository;
  addresses: ClientAddressesRepository;
  screening: ScreeningPort;
  dayOf: DayOfPort;
  realtime: Realtime;
  jobs: BookingJobs;
}

/**
 * The booking lifecycle with its one owner: every state change goes through
 * `transition()` (booking.state-machine.ts) inside a transaction that holds the
 * booking's row lock, writes the event for other services in the same
 * transaction, and publishes live updates after commit.
 */
export class BookingsService {
  /** Set by the dispatch module (re-dispatch after a therapist withdraws). */
  onSearchStarted: (bookingId: string, at: Date) => Promise<void> = async () => {};

  constructor(private readonly d: BookingsDeps) {}

  private get now(): Date {
    return this.d.ctx.now();
  }

  async inTransaction<T>(fn: (tx: TransactionClient, after: AfterCommit) => Promise<T>): Promise<T> {
    const after: AfterCommit = [];
    const result = await this.d.ctx.prisma.$transaction((tx) => fn(tx, after), {
      maxWait: 60_000,
      timeout: 60_000,
    });
    await runAfterCommit(after);
    return result;
  }

  // ── Quote and request ───────────────────────────────────────────────────

  async quote(raw: unknown): Promise<Quote> {
    const input = quoteInput.parse(raw);
    const now = this.now;
    const book = await this.d.pricing.activePriceBook(now);
    return quote(book, { ...input, bookedAt: now });
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
    const requestedTherapistId = input.therapistId
      ? fromGlobalId('User', input.therapistId, 'therapistId')
      : null;
    const addressId = fromGlobalId('Address', input.address.addressId, 'address.addressId');
    return this.inTransaction(async (tx, after) => {
      // The jurisdiction decides which licenses count: it comes from the client's
      // profile (booking's projection of it), never from the request.
      const address = await this.d.addresses.findBookable(viewer.userId, addressId, tx);
      if (!address) throw new BookingError(BookingErrorCode.ADDRESS_NOT_FOUND, undefined, { addressId });
      const booking = await tx.booking.create({
        data: {
          clientId: viewer.userId,
          requestedTherapistId,
          ...this.timeFields(input.startsAt, q.durationMinutes),
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
          requestedIntraOral: input.requestIntraOral ?? false,
          ...priceFields(book, q),
        },
      });
      return this.screenDraft(tx, booking, after);
    });
  }

  /** A DRAFT (e.g. a rebook from care) goes through screening like a new request. */
  async submitDraft(viewer: Viewer, bookingId: string) {
    return this.inTransaction(async (tx, after) => {
      const booking = await this.d.repo.lock(tx, bookingId);
      if (!booking || booking.clientId !== viewer.userId) throw notFound('The booking');
      transition(booking.state, 'screenPassed');
      // A draft (e.g. a rebook from care) copied an address that may have been
      // archived since; the place must still be on the client's profile.
      const address = await this.d.addresses.findBookable(booking.clientId, booking.addressId, tx);
      if (!address) {
        throw new BookingError(BookingErrorCode.ADDRESS_NOT_FOUND, undefined, {
          addressId: booking.addressId,
        });
      }
      // Re-price now: the draft was created earlier and the lead time changed.
      const book = await this.d.pricing.activePriceBook(this.now, tx);
      const q = quote(book, {
        durationMinutes: booking.durationMinutes,
        startsAt: booking.startsAt,
        bookedAt: this.now,
        timezone: booking.timezone,
      });
      const repriced = await tx.booking.update({ where: { id: booking.id }, data: priceFields(book, q) });
      return this.screenDraft(tx, repriced, after);
    });
  }

  private async screenDraft(tx: TransactionClient, booking: Booking, after: AfterCommit) {
    const screening = await this.d.screening.screenForBooking(tx, {
      bookingId: booking.id,
      clientId: booking.clientId,
      sessionStart: booking.startsAt,
      requestedIntraOral: booking.requestedIntraOral,
    });
    const screened = {
      screeningDecisionId: screening.decisionId,
      screeningOutcome: screening.outcome,
      modificationsRequired: screening.outcome === 'CLEAR_WITH_MODIFICATIONS',
    };
    if (screening.outcome === 'REFER' || screening.outcome === 'DEFER') {
      const blocked = await this.apply(tx, after, booking, 'screenBlocked', {
        ...screened,
        endedAt: this.now,
        endReason: `SCREENING_${screening.outcome}`,
      });
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
      return { booking: blocked, screening };
    }
    const next = await this.apply(tx, after, booking, 'screenPassed', screened);
    await emitEvent(tx, {
      type: 'booking.requested',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: {
        bookingId: booking.id,
        clientId: booking.clientId,
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
    return { booking: next, screening };
  }

  private timeFields(startsAt: Date, durationMinutes: number) {
    const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE);
    return {
      startsAt,
      endsAt,
      durationMinutes,
      travelBufferMinutes: TRAVEL_BUFFER_MINUTES,
      busyFrom: new Date(startsAt.getTime() - TRAVEL_BUFFER_MINUTES * MINUTE),
      busyUntil: new Date(endsAt.getTime() + TRAVEL_BUFFER_MINUTES * MINUTE),
    };
  }

  // ── Payments events ─────────────────────────────────────────────────────

  /** payment.hold_placed / payment.hold_scheduled: SCREENED → SEARCHING, dispatch starts. */
  async holdReady(tx: TransactionClient, bookingId: string, deferred: boolean): Promise<void> {
    const booking = await this.d.repo.lock(tx, bookingId);
    if (!booking) return;
    // A deferred hold placed later (48 h before) changes nothing: the booking is already dispatched.
    if (booking.state !== 'SCREENED') return;
    const after: AfterCommit = [];
    const now = this.now;
    await this.apply(tx, after, booking, deferred ? 'authorizationDeferred' : 'holdPlaced', {
      searchStartedAt: now,
      dispatchRound: booking.dispatchRound + 1,
      batchesSent: 0,
      batchExpiresAt: null,
    });
    after.push(() => this.onSearchStarted(booking.id, now));
    await runAfterCommit(after);
  }

  /** payment.hold_failed: SCREENED or CONFIRMED → CANCELLED, no fee; the client is told why. */
  async holdFailed(tx: TransactionClient, bookingId: string, reason: string): Promise<void> {
    const booking = await this.d.repo.lock(tx, bookingId);
    if (!booking || (booking.state !== 'SCREENED' && booking.state !== 'CONFIRMED')) return;
    const after: AfterCommit = [];
    const outcome = cancellationFee(await this.d.pricing.activeCancellationPolicy(this.now, tx), {
      actor: 'SYSTEM',
      reason: 'PLATFORM',
      confirmedAt: booking.confirmedAt,
      startsAt: booking.startsAt,
      now: this.now,
      servicePrice: booking.subtotal,
    });
    const message = `Your card could not be authorized (${reason}). Update your payment method and book again.`;
    await this.apply(
      tx,
      after,
      booking,
      'holdFailed',
      {
        cancellation: this.storedCancellation(booking, outcome, 'SYSTEM', 'HOLD_FAILED') as object,
        endedAt: this.now,
        endReason: 'HOLD_FAILED',
      },
      message,
    );
    await tx.offer.updateMany({ where: { bookingId, status: 'OPEN' }, data: { status: 'WITHDRAWN' } });
    await this.emitCancelled(tx, booking, 'SYSTEM', 'HOLD_FAILED', outcome);
    await runAfterCommit(after);
  }

  // ── Lifecycle (therapist) ───────────────────────────────────────────────

  async startEnRoute(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.therapistAction(viewer, bookingId, 'startEnRoute', () => ({ enRouteAt: this.now }));
  }

  async arrive(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.therapistAction(viewer, bookingId, 'arrive', () => ({ arrivedAt: this.now }));
  }

  async startSession(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.inTransaction(async (tx, after) => {
      const booking = await this.lockAsTherapist(tx, viewer, bookingId);
      transition(booking.state, 'startSession');
      const check = await this.d.dayOf.assertSessionMayStart(tx, { bookingId, now: this.now });
      return this.apply(tx, after, booking, 'startSession', {
        sessionStartedAt: this.now,
        agreedCap: check.agreedCap,
        selfCareCap: check.selfCareCap,
      });
    });
  }

  /** Check-out: the session is over. */
  async complete(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.inTransaction(async (tx, after) => {
      const booking = await this.lockAsTherapist(tx, viewer, bookingId);
      const now = this.now;
      const done = await this.apply(tx, after, booking, 'complete', {
        completedAt: now,
        checkedOutAt: now,
        endedAt: now,
        endReason: 'COMPLETED',
      });
      await emitEvent(tx, {
        type: 'booking.completed',
        aggregateType: 'Booking',
        aggregateId: booking.id,
        payload: {
          bookingId: booking.id,
          clientId: booking.clientId,
          therapistId: booking.therapistId as string,
          startsAt: booking.startsAt.toISOString(),
          completedAt: now.toISOString(),
          durationMinutes: booking.durationMinutes,
          selfCareCap: booking.selfCareCap ?? 5,
        },
      });
      return done;
    });
  }

  async markNoShow(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.inTransaction(async (tx, after) => {
      const booking = await this.lockAsTherapist(tx, viewer, bookingId);
      transition(booking.state, 'markNoShow');
      const policy = await this.d.pricing.activeCancellationPolicy(booking.createdAt, tx);
      const outcome = cancellationFee(policy, {
        actor: 'THERAPIST',
        reason: 'CLIENT_NO_SHOW',
        confirmedAt: booking.confirmedAt,
        startsAt: booking.startsAt,
        arrivedAt: booking.arrivedAt,
        now: this.now,
        servicePrice: booking.subtotal,
      });
      const next = await this.apply(tx, after, booking, 'markNoShow', {
        cancellation: this.storedCancellation(booking, outcome, 'THERAPIST', 'CLIENT_NO_SHOW') as object,
        checkedOutAt: this.now,
        endedAt: this.now,
        endReason: 'NO_SHOW',
      });
      await emitEvent(tx, {
        type: 'booking.no_show',
        aggregateType: 'Booking',
        aggregateId: booking.id,
        payload: {
          bookingId: booking.id,
          clientId: booking.clientId,
          therapistId: booking.therapistId as string,
          fee: money(booking, outcome.feeAmount),
          therapistShare: money(booking, outcome.therapistShare),
        },
      });
      return next;
    });
  }

  /** Agreed interface for the day-of module: REFER/DEFER at the door ends the visit, no fee. */
  async recordDayOfOutcome(
    tx: TransactionClient,
    a: { bookingId: string; outcome: 'REFER' | 'DEFER'; actorId: string },
  ): Promise<void> {
    const booking = await this.d.repo.lock(tx, a.bookingId);
    if (!booking) throw notFound('The booking');
    const after: AfterCommit = [];
    await this.apply(
      tx,
      after,
      booking,
      'dayOfBlocked',
      { checkedOutAt: this.now, endedAt: this.now, endReason: `DAY_OF_${a.outcome}` },
      `The day-of check outcome is ${a.outcome}.`,
    );
    await emitEvent(tx, {
      type: 'booking.blocked',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: { bookingId: booking.id, clientId: booking.clientId, outcome: a.outcome, stage: 'DAY_OF' },
    });
    await runAfterCommit(after);
  }

  // ── Cancellation ────────────────────────────────────────────────────────

  async cancel(
    viewer: Viewer,
    bookingId: string,
  ): Promise<{ booking: Booking; cancellation: StoredCancellation }> {
    return this.inTransaction(async (tx, after) => {
      const booking = await this.d.repo.lock(tx, bookingId);
      if (!booking || !this.canSee(viewer, booking)) throw notFound('The booking');
      const now = this.now;
      const { event, outcome } = await this.cancellationTerms(tx, viewer, booking);
      if (viewer.role === 'THERAPIST') {
        // The therapist withdraws: no client fee, counts against reliability, the booking is re-dispatched.
        const stored = this.storedCancellation(booking, outcome, 'THERAPIST', 'THERAPIST_REQUEST');
        const next = await this.apply(
          tx,
          after,
          booking,
          'cancelByTherapist',
          {
            therapistId: null,
            confirmedAt: null,
            enRouteAt: null,
            modificationsAcknowledgedAt: null,
            excludedTherapistIds: [...new Set([...booking.excludedTherapistIds, viewer.userId])],
            searchStartedAt: now,
            dispatchRound: booking.dispatchRound + 1,
            batchesSent: 0,
            batchExpiresAt: null,
          },
          'The therapist cancelled; we are finding you another therapist at no extra cost.',
        );
        if (outcome.reliabilityPenalty) {
          await tx.therapistDirectoryEntry.updateMany({
            where: { therapistId: viewer.userId },
            data: { jobsCancelled: { increment: 1 } },
          });
        }
        after.push(() => this.onSearchStarted(booking.id, now));
        return { booking: next, cancellation: stored };
      }
      const actor = viewer.role === 'ADMIN' ? 'SYSTEM' : 'CLIENT';
      const stored = this.storedCancellation(
        booking,
        outcome,
        actor,
        actor === 'SYSTEM' ? 'PLATFORM' : 'CLIENT_REQUEST',
      );
      const next = await this.apply(tx, after, booking, event, {
        cancellation: stored as object,
        endedAt: now,
        endReason: actor === 'SYSTEM' ? 'CANCELLED_BY_PLATFORM' : 'CANCELLED_BY_CLIENT',
      });
      await tx.offer.updateMany({ where: { bookingId, status: 'OPEN' }, data: { status: 'WITHDRAWN' } });
      await this.emitCancelled(tx, booking, actor, stored.reason, outcome);
      return { booking: next, cancellation: stored };
    });
  }

  /**
   * What cancelling now would cost, without cancelling: the very computation `cancel` runs
   * (same policy version, same window, same amounts), read without a lock.
   */
  async cancellationQuote(
    viewer: Viewer,
    bookingId: string,
  ): Promise<{ booking: Booking; outcome: CancellationOutcome; quotedAt: Date }> {
    return this.inTransaction(async (tx) => {
      const booking = await this.d.repo.find(bookingId, tx);
      if (!booking || !this.canSee(viewer, booking)) throw notFound('The booking');
      const { outcome } = await this.cancellationTerms(tx, viewer, booking);
      return { booking, outcome, quotedAt: this.now };
    });
  }

  /** The event and fee of cancelling this booking now, as this viewer. Refuses a state that cannot cancel. */
  private async cancellationTerms(
    tx: TransactionClient,
    viewer: Viewer,
    booking: Booking,
  ): Promise<{ event: BookingEvent; outcome: CancellationOutcome }> {
    const policy = await this.d.pricing.activeCancellationPolicy(booking.createdAt, tx);
    const base = {
      confirmedAt: booking.confirmedAt,
      startsAt: booking.startsAt,
      arrivedAt: booking.arrivedAt,
      now: this.now,
      servicePrice: booking.subtotal,
    };
    if (viewer.role === 'THERAPIST') {
      transition(booking.state, 'cancelByTherapist');
      return {
        event: 'cancelByTherapist',
        outcome: cancellationFee(policy, { ...base, actor: 'THERAPIST', reason: 'THERAPIST_REQUEST' }),
      };
    }
    const system = viewer.role === 'ADMIN';
    const event: BookingEvent = system ? 'cancelBySystem' : 'cancelByClient';
    transition(booking.state, event);
    return {
      event,
      outcome: cancellationFee(policy, {
        ...base,
        actor: system ? 'SYSTEM' : 'CLIENT',
        reason: system ? 'PLATFORM' : 'CLIENT_REQUEST',
      }),
    };
  }

  private storedCancellation(
    booking: Booking,
    outcome: CancellationOutcome,
    actor: StoredCancellation['actor'],
    reason: string,
  ): StoredCancellation {
    return { ...outcome, actor, reason, currency: booking.currency, at: this.now.toISOString() };
  }

  private async emitCancelled(
    tx: TransactionClient,
    booking: Booking,
    actor: 'CLIENT' | 'SYSTEM',
    reason: string,
    outcome: CancellationOutcome,
  ): Promise<void> {
    await emitEvent(tx, {
      type: 'booking.cancelled',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: {
        bookingId: booking.id,
        clientId: booking.clientId,
        therapistId: booking.therapistId,
        actor,
        reason,
        fee: money(booking, outcome.feeAmount),
        therapistShare: money(booking, outcome.therapistShare),
      },
    });
  }

  // ── Rebook from care ────────────────────────────────────────────────────

  /** care.rebook_requested: a DRAFT with the same therapist, at the client's last address. */
  async createRebookDraft(
    tx: TransactionClient,
    event: EventEnvelope<'care.rebook_requested'>,
  ): Promise<void> {
    const { clientId, therapistId, startsAt } = event.payload;
    const last = await tx.booking.findFirst({
      where: { clientId, therapistId },
      orderBy: { startsAt: 'desc' },
    });
    const template =
      last ?? (await tx.booking.findFirst({ where: { clientId }, orderBy: { startsAt: 'desc' } }));
    if (!template) return;
    const start = new Date(startsAt);
    await tx.booking.create({
      data: {
        clientId,
        requestedTherapistId: therapistId,
        ...this.timeFields(start, template.durationMinutes),
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
      },
    });
  }

  // ── Ratings and lists ───────────────────────────────────────────────────

  async rate(viewer: Viewer, bookingId: string, raw: unknown) {
    const input = ratingInput.parse(raw);
    return this.inTransaction(async (tx) => {
      const booking = await this.d.repo.lock(tx, bookingId);
      if (!booking || !this.canSee(viewer, booking)) throw notFound('The booking');
      const raterRole =
        viewer.userId === booking.clientId
          ? 'CLIENT'
          : viewer.userId === booking.therapistId
            ? 'THERAPIST'
            : null;
      if (raterRole === null || booking.state !== 'COMPLETED') {
        throw new BookingError(
          BookingErrorCode.RATING_NOT_ALLOWED,
          `Only the client or therapist of a completed session can rate it; this booking is ${booking.state}.`,
        );
      }
      const existing = await tx.rating.findUnique({
        where: { bookingId_raterRole: { bookingId, raterRole } },
      });
      if (existing) throw new BookingError(BookingErrorCode.ALREADY_RATED);
      const rateeId = raterRole === 'CLIENT' ? (booking.therapistId as string) : booking.clientId;
      const rating = await tx.rating.create({
        data: {
          bookingId,
          raterId: viewer.userId,
          raterRole,
          rateeId,
          score: input.score,
          comment: input.comment ?? null,
        },
      });
      if (raterRole === 'CLIENT') {
        await tx.therapistDirectoryEntry.updateMany({
          where: { therapistId: rateeId },
          data: { ratingSum: { increment: input.score }, ratingCount: { increment: 1 } },
        });
      }
      return rating;
    });
  }

  canSee(viewer: Viewer, booking: Booking): boolean {
    return (
      viewer.role === 'ADMIN' || booking.clientId === viewer.userId || booking.therapistId === viewer.userId
    );
  }

  async get(viewer: Viewer, bookingId: string): Promise<Booking> {
    const booking = await this.d.repo.find(bookingId);
    if (!booking || !this.canSee(viewer, booking)) throw notFound('The booking');
    return booking;
  }

  // ── Internals ───────────────────────────────────────────────────────────

  private async lockAsTherapist(tx: TransactionClient, viewer: Viewer, bookingId: string): Promise<Booking> {
    const booking = await this.d.repo.lock(tx, bookingId);
    if (!booking || !this.canSee(viewer, booking)) throw notFound('The booking');
    if (viewer.role !== 'THERAPIST' || booking.therapistId !== viewer.userId) {
      throw forbidden('Only the therapist assigned to this booking can do this.');
    }
    return booking;
  }

  private therapistAction(
    viewer: Viewer,
    bookingId: string,
    event: BookingEvent,
    patch: () => Prisma.BookingUpdateInput,
  ): Promise<Booking> {
    return this.inTransaction(async (tx, after) => {
      const booking = await this.lockAsTherapist(tx, viewer, bookingId);
      return this.apply(tx, after, booking, event, patch());
    });
  }

  /**
   * The one write path of a state change: the state machine decides (or
   * throws ILLEGAL_TRANSITION), the row is updated under its lock, and the
   * client hears about it after commit.
   */
  async apply(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    event: BookingEvent,
    patch: Prisma.BookingUpdateInput,
    reason: string | null = null,
  ): Promise<Booking> {
    const to: BookingState = transition(booking.state, event);
    const next = await tx.booking.update({
      where: { id: booking.id },
      data: { ...patch, state: to, version: { increment: 1 } },
    });
    after.push(() =>
      this.d.realtime.publishBooking(booking.clientId, {
        bookingId: booking.id,
        state: to,
        previousState: booking.state,
        therapistId: next.therapistId,
        reason,
        at: this.now.toISOString(),
      }),
    );
    return next;
  }

  /** For the scheduled check-out watch. */
  checkoutAlertAt(booking: Pick<Booking, 'endsAt'>): Date {
    return new Date(booking.endsAt.getTime() + CHECKOUT_ALERT_AFTER_MINUTES * MINUTE);
  }

  localDate(booking: Pick<Booking, 'startsAt' | 'timezone'>): string {
    return DateTime.fromJSDate(booking.startsAt, { zone: booking.timezone }).toISODate() as string;
  }
}

function priceFields(book: PriceBook, q: Quote) {
  return {
    priceBookVersion: book.version,
    quote: q as unknown as Prisma.InputJsonValue,
    currency: q.currency,
    subtotal: q.subtotal,
    platformFee: q.platformFee,
  };
}

export async function runAfterCommit(after: AfterCommit): Promise<void> {
  for (const effect of after.splice(0)) {
    try {
      await effect();
    } catch (err) {
      // Live updates and job scheduling are best effort after commit; the state is already durable.
      console.error(
        JSON.stringify({
          level: 'error',
          service: 'booking',
          msg: 'after-commit effect failed',
          err: String(err),
        }),
      );
    }
  }
}
