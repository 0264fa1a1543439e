import type { Booking, Offer, TransactionClient } from '@mm/db';
import { checkEligibility } from '@mm/eligibility';
import { forbidden, notFound, pageRequest, toConnection, type Viewer } from '@mm/graphql-kit';
import type { TherapistSnapshot } from '@mm/queue';
import { emitEvent } from '@mm/queue';
import type { BookingContext } from '../../context.ts';
import { checkoutAlertAt, localDate } from '../bookings/booking.fields.ts';
import { scheduleCheckoutWatch } from '../bookings/booking.jobs.ts';
import type { AfterCommit, BookingLifecycle } from '../bookings/booking-lifecycle.ts';
import { toTherapistRecord } from '../directory/directory.mapping.ts';
import type { DirectoryRepository } from '../directory/directory.repository.ts';
import type { AcceptGate } from './accept-gate.ts';
import { precheckAccept } from './accept-guard.ts';
import { DispatchError } from './dispatch.errors.ts';
import type { Dispatcher } from './dispatcher.service.ts';
import { checkOfferAcceptance, isTaken } from './offer.policy.ts';

export interface OfferWithBooking {
  offer: Offer;
  booking: Booking;
}

/** Postgres refuses an overlapping confirmed booking (exclusion constraint, SQLSTATE 23P01). */
export function isExclusionViolation(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (o.code === '23P01' || o.originalCode === '23P01') return true;
    if (typeof o.message === 'string' && o.message.includes('bookings_no_overlap')) return true;
    return visit(o.meta) || visit(o.cause) || visit(o.driverAdapterError);
  };
  return visit(err);
}

export interface OffersDeps {
  ctx: BookingContext;
  lifecycle: BookingLifecycle;
  directory: DirectoryRepository;
  dispatcher: Dispatcher;
  gate: AcceptGate;
}

/** After this many waits at a held gate (each bounded) an accept goes to its transaction regardless. */
const MAX_GATE_WAITS = 3;

/** A therapist's offers: accept (first wins, through the booking lifecycle), decline, list. */
export class OffersService {
  constructor(private readonly d: OffersDeps) {}

  /**
   * First accept wins (BookingLifecycle.accept decides); the losers get
   * ALREADY_TAKEN. A retried accept of the offer that won succeeds again
   * without changing anything. An accept that would overlap another booking
   * of the same therapist is refused by the exclusion constraint:
   * DOUBLE_BOOKED. Concurrent accepts of one booking queue at the AcceptGate,
   * which answers them from the winner's taken marker once it committed, so
   * the losers never open a transaction nor read the booking.
   */
  async accept(
    viewer: Viewer,
    offerId: string,
    acknowledgeModifications: boolean,
  ): Promise<OfferWithBooking> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists accept offers.');
    let offer = await this.d.lifecycle.repo.findOffer(offerId);
    if (!offer || offer.therapistId !== viewer.userId) throw notFound('The offer');
    // Only an open offer can win: it queues at the gate; any other is answered on plain reads.
    for (let attempt = 1; offer.status === 'OPEN'; attempt++) {
      const gate = await this.d.gate.enter(offer.bookingId, offer.round, offer.id);
      if (gate.state === 'entered') return this.acceptHolding(viewer.userId, offer, acknowledgeModifications);
      if (gate.state === 'taken') {
        // The marker is written after the winner's commit, which withdrew this offer.
        if (gate.by !== viewer.userId) throw new DispatchError('ALREADY_TAKEN');
        // This therapist won: a retry of the winning accept, answered as such on plain reads.
        offer = (await this.d.lifecycle.repo.findOffer(offerId)) ?? offer;
        break;
      }
      if (gate.state === 'unavailable' || attempt >= MAX_GATE_WAITS) break;
      await this.d.gate.waitUntilFree(offer.bookingId);
    }
    // No gate (Redis down, a holder that will not leave) or an offer that cannot win: losers are
    // turned away on plain reads before they open a transaction.
    const guard = { repo: this.d.lifecycle.repo, now: this.d.ctx.now };
    const early = await precheckAccept(guard, offer, acknowledgeModifications);
    return early ?? this.acceptInTransaction(viewer.userId, offer.id, acknowledgeModifications);
  }

  /**
   * The gate holder's transaction decides; the gate is then freed, with the round marked taken when the
   * booking is (this accept won, or found it taken: a lost marker is written again), never after a failure.
   */
  private async acceptHolding(therapistId: string, offer: Offer, ack: boolean): Promise<OfferWithBooking> {
    let takenBy: string | null = null;
    try {
      const won = await this.acceptInTransaction(therapistId, offer.id, ack);
      takenBy = won.booking.therapistId;
      return won;
    } catch (err) {
      if (err instanceof DispatchError && err.code === 'ALREADY_TAKEN') takenBy = await this.takenBy(offer);
      throw err;
    } finally {
      await this.d.gate.leave(offer.bookingId, offer.round, offer.id, takenBy);
    }
  }

  /** Who holds the booking in the offer's round, if anyone (read after an ALREADY_TAKEN). */
  private async takenBy(offer: Offer): Promise<string | null> {
    const booking = await this.d.lifecycle.repo.find(offer.bookingId);
    if (!booking || booking.dispatchRound !== offer.round || !isTaken(booking.state)) return null;
    return booking.therapistId;
  }

  private async acceptInTransaction(
    therapistId: string,
    offerId: string,
    acknowledgeModifications: boolean,
  ): Promise<OfferWithBooking> {
    try {
      return await this.d.lifecycle.inTransaction((tx, after) =>
        this.acceptIn(tx, after, therapistId, offerId, acknowledgeModifications),
      );
    } catch (err) {
      if (isExclusionViolation(err)) {
        throw new DispatchError(
          'DOUBLE_BOOKED',
          'You already have a booking at that time (travel time included), so this offer cannot be accepted.',
        );
      }
      throw err;
    }
  }

  private async acceptIn(
    tx: TransactionClient,
    after: AfterCommit,
    therapistId: string,
    offerId: string,
    acknowledged: boolean,
  ): Promise<OfferWithBooking> {
    const first = await this.decide(tx, offerId, acknowledged);
    if (first.verdict === 'ALREADY_ACCEPTED') return { offer: first.offer, booking: first.booking };
    await this.assertMayTakeWork(tx, therapistId, first.booking);
    const now = this.d.ctx.now();
    const won = await this.d.lifecycle.accept(tx, after, {
      booking: first.booking,
      offer: first.offer,
      therapistId,
      acknowledged,
      now,
    });
    if (!won) {
      // Someone else won meanwhile (or this very offer, from a concurrent retry).
      const again = await this.decide(tx, offerId, acknowledged);
      if (again.verdict === 'ALREADY_ACCEPTED') return { offer: again.offer, booking: again.booking };
      throw new DispatchError('ALREADY_TAKEN');
    }
    const { booking } = won;
    await this.d.directory.countOfferAccepted(tx, therapistId);
    await emitEvent(tx, {
      type: 'booking.confirmed',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: {
        bookingId: booking.id,
        clientId: booking.clientId,
        therapistId,
        kind: booking.kind,
        startsAt: booking.startsAt.toISOString(),
      },
    });
    await scheduleCheckoutWatch(tx, booking.id, checkoutAlertAt(booking));
    return won;
  }

  private async decide(tx: TransactionClient, offerId: string, acknowledged: boolean) {
    const offer = (await this.d.lifecycle.repo.findOffer(offerId, tx)) as Offer;
    const booking = (await this.d.lifecycle.repo.find(offer.bookingId, tx)) as Booking;
    const roundOver = offer.round !== booking.dispatchRound && offer.status === 'OPEN';
    const verdict = checkOfferAcceptance({
      bookingState: booking.state,
      offer: { status: roundOver ? 'EXPIRED' : offer.status, expiresAt: offer.expiresAt },
      modificationsRequired: booking.modificationsRequired,
      modificationsAcknowledged: acknowledged,
      now: this.d.ctx.now(),
    });
    return { offer, booking, verdict };
  }

  /**
   * An offer sent before a suspension, a lapsed license or disabled payouts
   * must not be accepted after it: the same rules as matching, at accept time.
   */
  private async assertMayTakeWork(
    tx: TransactionClient,
    therapistId: string,
    booking: Booking,
  ): Promise<void> {
    const entry = await this.d.directory.entry(therapistId, tx);
    const reasons = new Set<string>();
    if (!entry?.snapshot) reasons.add('your therapist profile is not active');
    else {
      if (!entry.payoutsEnabled) reasons.add('payouts are not enabled on your account');
      const verdict = checkEligibility(toTherapistRecord(entry.snapshot as unknown as TherapistSnapshot), {
        jurisdiction: booking.jurisdiction,
        date: localDate(booking),
        modalities: booking.modalities,
        requiresIntraOral: booking.requestedIntraOral,
      });
      for (const r of verdict.reasons) reasons.add(r.message);
    }
    if (reasons.size > 0) {
      throw new DispatchError(
        'THERAPIST_NOT_ELIGIBLE',
        `You cannot take this booking: ${[...reasons].join('; ')}.`,
        {
          reasons: [...reasons],
        },
      );
    }
  }

  async decline(viewer: Viewer, offerId: string): Promise<OfferWithBooking> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists decline offers.');
    const result = await this.d.lifecycle.inTransaction(async (tx) => {
      const offer = await this.d.lifecycle.repo.findOffer(offerId, tx);
      if (!offer || offer.therapistId !== viewer.userId) throw notFound('The offer');
      const booking = (await this.d.lifecycle.repo.find(offer.bookingId, tx)) as Booking;
      if (!(await this.d.lifecycle.declineOffer(tx, offerId, this.d.ctx.now()))) {
        throw new DispatchError(
          'OFFER_EXPIRED',
          `This offer is ${offer.status === 'OPEN' ? 'EXPIRED' : offer.status} and can no longer be declined.`,
          { offerStatus: offer.status },
        );
      }
      return { offer: (await this.d.lifecycle.repo.findOffer(offerId, tx)) as Offer, booking };
    });
    // A batch in which everyone declined moves on to the next one at once.
    await this.d.dispatcher.step(result.booking.id);
    return result;
  }

  async listMine(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; openOnly?: boolean | null },
  ) {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists receive offers.');
    const page = pageRequest(args);
    const openAt = args.openOnly === false ? null : this.d.ctx.now();
    const rows = await this.d.lifecycle.repo.listOffersForTherapist(
      viewer.userId,
      openAt,
      page.take,
      page.after,
    );
    const bookings = await this.d.lifecycle.repo.findMany([...new Set(rows.map((r) => r.bookingId))]);
    const byId = new Map(bookings.map((b) => [b.id, b]));
    const nodes = rows.map((offer) => ({ offer, booking: byId.get(offer.bookingId) as Booking }));
    return toConnection(nodes, page.size, (n) => [n.offer.sentAt.toISOString(), n.offer.id]);
  }
}
