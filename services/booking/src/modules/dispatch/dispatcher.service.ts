import type { Booking, TransactionClient } from '@mm/db';
import { emitEvent } from '@mm/queue';
import type { BookingContext } from '../../context.ts';
import type { BookingsRepository } from '../bookings/bookings.repository.ts';
import { type AfterCommit, type BookingsService, runAfterCommit } from '../bookings/bookings.service.ts';
import type { ScreeningPort, ScreeningSummary } from '../bookings/safety.ports.ts';
import type { OfferUpdate, Realtime } from '../realtime/realtime.ts';
import { BASE_SEARCH_RADIUS_METERS, type CandidatesRepository } from './candidates.repository.ts';
import {
  DEFAULT_DISPATCH_POLICY,
  type DispatchPolicy,
  type DispatchStep,
  nextDispatchStep,
  rankCandidates,
  selectBatch,
} from './dispatch.policy.ts';
import type { BookingJobs } from './dispatch.queue.ts';
import { candidateRequirements } from './modifications.policy.ts';

export type StepResult =
  | DispatchStep
  | { kind: 'NOT_SEARCHING'; state: string | null }
  | { kind: 'NOT_READY' };

export interface DispatcherDeps {
  ctx: BookingContext;
  repo: BookingsRepository;
  bookings: BookingsService;
  candidates: CandidatesRepository;
  screening: ScreeningPort;
  realtime: Realtime;
  jobs: BookingJobs;
  policy?: DispatchPolicy;
}

/**
 * Runs `nextDispatchStep` for one booking and does what it says. Called by the
 * delayed BullMQ job (batch expiry, deadline), right after a hold is placed,
 * after a decline, and directly by tests with a TestClock. Each run holds the
 * booking's row lock, so concurrent runs and accepts are serialised, and the
 * time always comes from the injected clock.
 */
export class Dispatcher {
  private readonly policy: DispatchPolicy;

  constructor(private readonly d: DispatcherDeps) {
    this.policy = d.policy ?? DEFAULT_DISPATCH_POLICY;
  }

  async step(bookingId: string): Promise<StepResult> {
    const booking = await this.d.repo.find(bookingId);
    if (!booking) return { kind: 'NOT_SEARCHING', state: null };
    if (booking.state === 'DRAFT' || booking.state === 'SCREENED') return { kind: 'NOT_READY' };
    if (booking.state !== 'SEARCHING') return { kind: 'NOT_SEARCHING', state: booking.state };
    const summary = await this.d.screening.summaryForBooking(bookingId);
    const after: AfterCommit = [];
    const result = await this.d.ctx.prisma.$transaction(
      async (tx): Promise<StepResult> => {
        const locked = await this.d.repo.lock(tx, bookingId);
        if (locked?.state !== 'SEARCHING') return { kind: 'NOT_SEARCHING', state: locked?.state ?? null };
        return this.stepLocked(tx, after, locked, summary);
      },
      { maxWait: 60_000, timeout: 60_000 },
    );
    await runAfterCommit(after);
    return result;
  }

  private async stepLocked(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    summary: ScreeningSummary | null,
  ): Promise<StepResult> {
    const now = this.d.ctx.now();
    const round = booking.dispatchRound;
    const expired = await tx.offer.findMany({
      where: { bookingId: booking.id, status: 'OPEN', expiresAt: { lte: now } },
    });
    if (expired.length > 0) {
      await tx.offer.updateMany({
        where: { id: { in: expired.map((o) => o.id) } },
        data: { status: 'EXPIRED' },
      });
      for (const o of expired) after.push(() => this.publishOffer(o, booking, summary, 'EXPIRED'));
    }
    const batch =
      booking.batchesSent > 0 && booking.batchExpiresAt
        ? {
            expiresAt: booking.batchExpiresAt,
            offersSent: await tx.offer.count({
              where: { bookingId: booking.id, round, batchNumber: booking.batchesSent },
            }),
            openOffers: await tx.offer.count({
              where: { bookingId: booking.id, round, batchNumber: booking.batchesSent, status: 'OPEN' },
            }),
          }
        : null;
    const step = nextDispatchStep(
      {
        searchStartedAt: booking.searchStartedAt ?? now,
        startsAt: booking.startsAt,
        batchesSent: booking.batchesSent,
        currentBatch: batch,
      },
      now,
      this.policy,
    );

    if (step.kind === 'EXPIRE_BOOKING') {
      const open = await tx.offer.findMany({ where: { bookingId: booking.id, status: 'OPEN' } });
      await tx.offer.updateMany({
        where: { bookingId: booking.id, status: 'OPEN' },
        data: { status: 'EXPIRED' },
      });
      for (const o of open) after.push(() => this.publishOffer(o, booking, summary, 'EXPIRED'));
      await this.d.bookings.apply(
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
      after.push(() => this.d.jobs.scheduleDispatchStep(booking.id, step.until));
      return step;
    }

    const offeredThisRound = await tx.offer.findMany({
      where: { bookingId: booking.id, round },
      select: { therapistId: true },
    });
    const offeredIds = offeredThisRound.map((o) => o.therapistId);
    const requirements = candidateRequirements({
      requestedIntraOral: booking.requestedIntraOral,
      requiresIntraOralEndorsement: summary?.requiresIntraOralEndorsement ?? false,
      modifications: summary?.modifications ?? [],
    });
    const candidates = await this.d.candidates.search(
      {
        clientId: booking.clientId,
        latitude: booking.latitude,
        longitude: booking.longitude,
        jurisdiction: booking.jurisdiction,
        localDate: this.d.bookings.localDate(booking),
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        busyFrom: booking.busyFrom,
        busyUntil: booking.busyUntil,
        modalities: [...new Set([...booking.modalities, ...requirements.extraModalities])],
        requiresIntraOral: requirements.requiresIntraOral,
        genderPreference: booking.genderPreference,
        searchRadiusMeters: BASE_SEARCH_RADIUS_METERS * step.radiusMultiplier,
        onlyTherapistId: booking.requestedTherapistId,
        excludedTherapistIds: [...booking.excludedTherapistIds, ...offeredIds],
      },
      tx,
    );
    const chosen = selectBatch(
      rankCandidates(candidates, this.policy),
      step.batchNumber,
      offeredIds,
      this.policy,
    );
    for (const c of chosen) {
      const offer = await tx.offer.create({
        data: {
          bookingId: booking.id,
          therapistId: c.therapistId,
          round,
          batchNumber: step.batchNumber,
          distanceMeters: Math.round(c.distanceMeters),
          sentAt: now,
          expiresAt: step.offersExpireAt,
        },
      });
      after.push(() => this.publishOffer(offer, booking, summary, 'OPEN'));
    }
    if (chosen.length > 0) {
      await tx.therapistDirectoryEntry.updateMany({
        where: { therapistId: { in: chosen.map((c) => c.therapistId) } },
        data: { offersReceived: { increment: 1 } },
      });
    }
    await tx.booking.update({
      where: { id: booking.id },
      data: { batchesSent: step.batchNumber, batchExpiresAt: step.offersExpireAt },
    });
    after.push(() => this.d.jobs.scheduleDispatchStep(booking.id, step.offersExpireAt));
    return step;
  }

  async publishOffer(
    offer: { id: string; therapistId: string; batchNumber: number; distanceMeters: number; expiresAt: Date },
    booking: Booking,
    summary: ScreeningSummary | null,
    status: string,
  ): Promise<void> {
    await this.d.realtime.publishOffer(offer.therapistId, offerUpdate(offer, booking, summary, status));
  }
}

export function offerUpdate(
  offer: { id: string; batchNumber: number; distanceMeters: number; expiresAt: Date },
  booking: Booking,
  summary: ScreeningSummary | null,
  status: string,
): OfferUpdate {
  return {
    offerId: offer.id,
    bookingId: booking.id,
    status,
    batchNumber: offer.batchNumber,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    durationMinutes: booking.durationMinutes,
    distanceKm: Math.round(offer.distanceMeters / 100) / 10,
    expiresAt: offer.expiresAt.toISOString(),
    modalities: booking.modalities,
    focusAreas: booking.focusAreas,
    modifications: summary?.modifications ?? [],
    acknowledgementRequired: booking.modificationsRequired,
  };
}
