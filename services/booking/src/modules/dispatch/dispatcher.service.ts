import type { Booking, Offer, TransactionClient } from '@mm/db';
import { emitEvent, queueNotification } from '@mm/queue';
import type { BookingContext } from '../../context.ts';
import { localDate } from '../bookings/booking.fields.ts';
import { scheduleDispatchStep } from '../bookings/booking.jobs.ts';
import type { AfterCommit, BookingLifecycle } from '../bookings/booking-lifecycle.ts';
import type { DirectoryRepository } from '../directory/directory.repository.ts';
import type { SafetyService, ScreeningSummary } from '../safety/safety.service.ts';
import {
  BASE_SEARCH_RADIUS_METERS,
  type CandidateQuery,
  type CandidatesRepository,
} from './candidates.repository.ts';
import { directRequestUnanswered, searchRadiusMultiplier } from './direct-request.policy.ts';
import type { DirectRequests } from './direct-requests.service.ts';
import {
  DEFAULT_DISPATCH_POLICY,
  type DispatchPolicy,
  type DispatchStep,
  nextDispatchStep,
  rankCandidates,
  selectBatch,
} from './dispatch.policy.ts';
import { candidateRequirements } from './modifications.policy.ts';
import { jobOfferNotification } from './offer-notification.ts';

export type StepResult =
  | DispatchStep
  | { kind: 'NOT_SEARCHING'; state: string | null }
  | { kind: 'AWAIT_CLIENT_CHOICE' };

/** A search overdue by this much (by the clock) is stepped by the sweep: its job was lost or gave up. */
export const SWEEP_GRACE_MS = 5 * 60_000;

export interface DispatcherDeps {
  ctx: BookingContext;
  lifecycle: BookingLifecycle;
  candidates: CandidatesRepository;
  directory: DirectoryRepository;
  safety: SafetyService;
  directRequests: DirectRequests;
  policy?: DispatchPolicy;
}

/**
 * Runs `nextDispatchStep` for one booking and does what it says. Called by the
 * dispatch-step job (enqueued in the transaction that started the search or
 * sent the last batch, so it never runs too early), after a decline, by the
 * sweep, and directly by tests with a TestClock. Each run holds the booking's
 * row lock, so concurrent runs and accepts are serialised.
 */
export class Dispatcher {
  private readonly policy: DispatchPolicy;

  constructor(private readonly d: DispatcherDeps) {
    this.policy = d.policy ?? DEFAULT_DISPATCH_POLICY;
  }

  async step(bookingId: string): Promise<StepResult> {
    const summary = await this.d.safety.summaryForBooking(bookingId);
    return this.d.lifecycle.inTransaction(async (tx, after): Promise<StepResult> => {
      const locked = await this.d.lifecycle.lock(tx, bookingId);
      if (locked?.state !== 'SEARCHING') return { kind: 'NOT_SEARCHING', state: locked?.state ?? null };
      return this.stepLocked(tx, after, locked, summary);
    });
  }

  /** Steps every search whose next step is overdue; a dispatch job that used up its attempts cannot stall one. */
  async sweep(limit = 100): Promise<number> {
    const overdue = await this.d.lifecycle.repo.overdueSearches(
      new Date(this.d.ctx.now().getTime() - SWEEP_GRACE_MS),
      limit,
    );
    for (const id of overdue) await this.step(id);
    return overdue.length;
  }

  private async stepLocked(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    summary: ScreeningSummary | null,
  ): Promise<StepResult> {
    const now = this.d.ctx.now();
    await this.d.lifecycle.expireOffers(tx, after, booking, summary, now);
    const currentBatch = await this.currentBatch(tx, booking);
    // A direct request's therapist said no (or let it lapse): the client chooses, dispatch does not widen.
    if (directRequestUnanswered({ ...booking, currentBatch })) {
      await this.d.directRequests.unanswered(tx, after, booking);
      return { kind: 'AWAIT_CLIENT_CHOICE' };
    }
    const step = nextDispatchStep(
      {
        searchStartedAt: booking.searchStartedAt ?? now,
        startsAt: booking.startsAt,
        batchesSent: booking.batchesSent,
        currentBatch,
      },
      now,
      this.policy,
    );
    if (step.kind === 'EXPIRE_BOOKING') {
      await this.d.lifecycle.expireOffers(tx, after, booking, summary, null);
      await this.d.lifecycle.apply(
        tx,
        after,
        booking,
        'dispatchExpired',
        { endedAt: now, endReason: 'NO_THERAPIST' },
        'No therapist could take this booking in time; the card hold is released.',
      );
      await emitEvent(tx, {
        type: 'booking.expired',
        aggregateType: 'Booking',
        aggregateId: booking.id,
        payload: { bookingId: booking.id, clientId: booking.clientId },
      });
      return step;
    }
    if (step.kind === 'WAIT') {
      await scheduleDispatchStep(tx, booking, step.until);
      return step;
    }
    const sent = await this.sendBatch(tx, after, booking, summary, step);
    if (booking.directRequest && sent === 0) {
      await this.d.directRequests.unanswered(tx, after, booking);
      return { kind: 'AWAIT_CLIENT_CHOICE' };
    }
    return step;
  }

  private async currentBatch(tx: TransactionClient, booking: Booking) {
    if (booking.batchesSent === 0 || !booking.batchExpiresAt) return null;
    const where = { bookingId: booking.id, round: booking.dispatchRound, batchNumber: booking.batchesSent };
    return {
      expiresAt: booking.batchExpiresAt,
      offersSent: await this.d.lifecycle.repo.countOffers(tx, where),
      openOffers: await this.d.lifecycle.repo.countOffers(tx, { ...where, status: 'OPEN' }),
    };
  }

  /** One batch: the next candidates get an offer and the `job-offer` message; the next step waits for expiry. */
  private async sendBatch(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    summary: ScreeningSummary | null,
    step: Extract<DispatchStep, { kind: 'SEND_BATCH' }>,
  ): Promise<number> {
    const now = this.d.ctx.now();
    const round = booking.dispatchRound;
    const offeredIds = (await this.d.lifecycle.repo.offers(tx, { bookingId: booking.id, round })).map(
      (o) => o.therapistId,
    );
    const candidates = await this.d.candidates.search(
      candidateQuery(booking, summary, step, offeredIds, this.policy),
      tx,
    );
    const chosen = selectBatch(
      rankCandidates(candidates, this.policy),
      step.batchNumber,
      offeredIds,
      this.policy,
    );
    const offers: Offer[] = [];
    for (const c of chosen) {
      const offer = await this.d.lifecycle.sendOffer(tx, after, booking, summary, {
        therapistId: c.therapistId,
        round,
        batchNumber: step.batchNumber,
        distanceMeters: Math.round(c.distanceMeters),
        sentAt: now,
        expiresAt: step.offersExpireAt,
      });
      offers.push(offer);
    }
    await this.notifyOffered(tx, booking, summary, offers);
    await this.d.directory.countOffersReceived(
      tx,
      chosen.map((c) => c.therapistId),
    );
    await this.d.lifecycle.note(tx, booking, {
      batchesSent: step.batchNumber,
      batchExpiresAt: step.offersExpireAt,
    });
    await scheduleDispatchStep(tx, booking, step.offersExpireAt);
    return chosen.length;
  }

  /** Each offered therapist gets the `job-offer` message, in the same transaction as the offer. */
  private async notifyOffered(
    tx: TransactionClient,
    booking: Booking,
    summary: ScreeningSummary | null,
    offers: readonly Offer[],
  ): Promise<void> {
    if (offers.length === 0) return;
    const zones = new Map(
      (
        await this.d.directory.findMany(
          offers.map((o) => o.therapistId),
          tx,
        )
      ).map((r) => [r.therapistId, r.timezone]),
    );
    for (const offer of offers) {
      const zone = zones.get(offer.therapistId) ?? null;
      await queueNotification(tx, jobOfferNotification(booking, offer, summary, zone));
    }
  }
}

/** The candidate search for one batch: the booking's place and time, plus what its screening requires. */
function candidateQuery(
  booking: Booking,
  summary: ScreeningSummary | null,
  step: Extract<DispatchStep, { kind: 'SEND_BATCH' }>,
  offeredIds: readonly string[],
  policy: DispatchPolicy,
): CandidateQuery {
  const requirements = candidateRequirements({
    requestedIntraOral: booking.requestedIntraOral,
    requiresIntraOralEndorsement: summary?.requiresIntraOralEndorsement ?? false,
    modifications: summary?.modifications ?? [],
  });
  return {
    clientId: booking.clientId,
    latitude: booking.latitude,
    longitude: booking.longitude,
    jurisdiction: booking.jurisdiction,
    localDate: localDate(booking),
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    busyFrom: booking.busyFrom,
    busyUntil: booking.busyUntil,
    modalities: [...new Set([...booking.modalities, ...requirements.extraModalities])],
    requiresIntraOral: requirements.requiresIntraOral,
    genderPreference: booking.genderPreference,
    // A direct request searches as wide as dispatch ever would: the chosen therapist's own radius decides.
    searchRadiusMeters:
      BASE_SEARCH_RADIUS_METERS *
      searchRadiusMultiplier(booking.directRequest, step.radiusMultiplier, policy.radiusMultipliers),
    onlyTherapistId: booking.requestedTherapistId,
    excludedTherapistIds: [...booking.excludedTherapistIds, ...offeredIds],
  };
}
