import type { Booking, Offer, TransactionClient } from '@mm/db';
import { checkEligibility } from '@mm/eligibility';
import {
  forbidden,
  newestFirstAfter,
  notFound,
  pageRequest,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import type { TherapistSnapshot } from '@mm/queue';
import { emitEvent } from '@mm/queue';
import type { BookingContext } from '../../context.ts';
import { BookingError, BookingErrorCode } from '../bookings/booking.errors.ts';
import { transition } from '../bookings/booking.state-machine.ts';
import type { BookingsService } from '../bookings/bookings.service.ts';
import type { ScreeningPort } from '../bookings/safety.ports.ts';
import { toTherapistRecord } from '../directory/directory.mapping.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { precheckAccept } from './accept-guard.ts';
import type { BookingJobs } from './dispatch.queue.ts';
import { type Dispatcher, offerUpdate } from './dispatcher.service.ts';
import { checkOfferAcceptance } from './offer.policy.ts';

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

/** Two concurrent overlapping confirmations can also make Postgres break a deadlock (40P01). */
export function isDeadlock(err: unknown): boolean {
  const o = err as { code?: string; meta?: { code?: string }; message?: string } | null;
  return (
    o?.code === '40P01' || o?.meta?.code === '40P01' || /40P01|deadlock detected/.test(String(o?.message))
  );
}

export class OffersService {
  constructor(
    private readonly ctx: BookingContext,
    private readonly bookings: BookingsService,
    private readonly dispatcher: Dispatcher,
    private readonly screening: ScreeningPort,
    private readonly realtime: Realtime,
    private readonly jobs: BookingJobs,
  ) {}

  /**
   * First accept wins: one conditional UPDATE … WHERE state = 'SEARCHING'
   * decides, under the row lock Postgres takes for it; the losers re-read and
   * get ALREADY_TAKEN. A retried accept of the offer that won succeeds again
   * without changing anything. An accept that would overlap another booking
   * of the same therapist is refused by the exclusion constraint: DOUBLE_BOOKED.
   */
  /**
   * An offer sent before a suspension, a lapsed license or disabled payouts
   * must not be accepted after it: the same rules as matching, at accept time.
   */
  private async assertMayTakeWork(
    tx: TransactionClient,
    therapistId: string,
    booking: Booking,
  ): Promise<void> {
    const entry = await tx.therapistDirectoryEntry.findUnique({ where: { therapistId } });
    const reasons = new Set<string>();
    if (!entry?.snapshot) reasons.add('your therapist profile is not active');
    else {
      if (!entry.payoutsEnabled) reasons.add('payouts are not enabled on your account');
      const verdict = checkEligibility(toTherapistRecord(entry.snapshot as unknown as TherapistSnapshot), {
        jurisdiction: booking.jurisdiction,
        date: this.bookings.localDate(booking),
        modalities: booking.modalities,
        requiresIntraOral: booking.requestedIntraOral,
      });
      for (const r of verdict.reasons) reasons.add(r.message);
    }
    if (reasons.size > 0) {
      throw new BookingError(
        BookingErrorCode.THERAPIST_NOT_ELIGIBLE,
        `You cannot take this booking: ${[...reasons].join('; ')}.`,
        {
          reasons: [...reasons],
        },
      );
    }
  }

  async accept(
    viewer: Viewer,
    offerId: string,
    acknowledgeModifications: boolean,
  ): Promise<OfferWithBooking> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists accept offers.');
    const found = await this.ctx.prisma.offer.findUnique({ where: { id: offerId } });
    if (!found || found.therapistId !== viewer.userId) throw notFound('The offer');
    // Losers are turned away on a plain read, before they open a transaction.
    const early = await precheckAccept(this.ctx, found, acknowledgeModifications);
    if (early) return early;
    try {
      return await this.bookings.inTransaction(async (tx, after) => {
        const decide = async () => {
          const offer = await tx.offer.findUniqueOrThrow({ where: { id: offerId } });
          const booking = await tx.booking.findUniqueOrThrow({ where: { id: offer.bookingId } });
          const roundOver = offer.round !== booking.dispatchRound && offer.status === 'OPEN';
          const verdict = checkOfferAcceptance({
            bookingState: booking.state,
            offer: { status: roundOver ? 'EXPIRED' : offer.status, expiresAt: offer.expiresAt },
            modificationsRequired: booking.modificationsRequired,
            modificationsAcknowledged: acknowledgeModifications,
            now: this.ctx.now(),
          });
          return { offer, booking, verdict };
        };
        const first = await decide();
        if (first.verdict === 'ALREADY_ACCEPTED') return { offer: first.offer, booking: first.booking };
        await this.assertMayTakeWork(tx, viewer.userId, first.booking);
        const now = this.ctx.now();
        transition(first.booking.state, 'offerAccepted');
        const won = await tx.booking.updateMany({
          where: { id: first.booking.id, state: 'SEARCHING', dispatchRound: first.offer.round },
          data: {
            state: 'CONFIRMED',
            therapistId: viewer.userId,
            confirmedAt: now,
            modificationsAcknowledgedAt: acknowledgeModifications ? now : null,
            version: { increment: 1 },
          },
        });
        if (won.count === 0) {
          // Someone else won meanwhile (or this very offer, from a concurrent retry).
          const again = await decide();
          if (again.verdict === 'ALREADY_ACCEPTED') return { offer: again.offer, booking: again.booking };
          throw new BookingError(BookingErrorCode.ALREADY_TAKEN);
        }
        const offer = await tx.offer.update({
          where: { id: offerId },
          data: { status: 'ACCEPTED', respondedAt: now, modificationsAcknowledged: acknowledgeModifications },
        });
        const losers = await tx.offer.findMany({
          where: { bookingId: offer.bookingId, status: 'OPEN', id: { not: offerId } },
        });
        await tx.offer.updateMany({
          where: { id: { in: losers.map((o) => o.id) } },
          data: { status: 'WITHDRAWN', respondedAt: now },
        });
        await tx.therapistDirectoryEntry.updateMany({
          where: { therapistId: viewer.userId },
          data: { offersAccepted: { increment: 1 } },
        });
        const booking = await tx.booking.findUniqueOrThrow({ where: { id: offer.bookingId } });
        await emitEvent(tx, {
          type: 'booking.confirmed',
          aggregateType: 'Booking',
          aggregateId: booking.id,
          payload: {
            bookingId: booking.id,
            clientId: booking.clientId,
            therapistId: viewer.userId,
            startsAt: booking.startsAt.toISOString(),
          },
        });
        after.push(() =>
          this.realtime.publishBooking(booking.clientId, {
            bookingId: booking.id,
            state: 'CONFIRMED',
            previousState: 'SEARCHING',
            therapistId: viewer.userId,
            reason: null,
            at: now.toISOString(),
          }),
        );
        for (const o of losers) {
          after.push(() =>
            this.realtime.publishOffer(o.therapistId, offerUpdate(o, booking, null, 'WITHDRAWN')),
          );
        }
        after.push(() => this.jobs.scheduleCheckoutWatch(booking.id, this.bookings.checkoutAlertAt(booking)));
        return { offer, booking };
      });
    } catch (err) {
      if (isExclusionViolation(err)) {
        throw new BookingError(
          BookingErrorCode.DOUBLE_BOOKED,
          'You already have a booking at that time (travel time included), so this offer cannot be accepted.',
        );
      }
      throw err;
    }
  }

  async decline(viewer: Viewer, offerId: string): Promise<OfferWithBooking> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists decline offers.');
    const result = await this.bookings.inTransaction(async (tx) => {
      const offer = await tx.offer.findUnique({ where: { id: offerId } });
      if (!offer || offer.therapistId !== viewer.userId) throw notFound('The offer');
      const booking = await tx.booking.findUniqueOrThrow({ where: { id: offer.bookingId } });
      const updated = await tx.offer.updateMany({
        where: { id: offerId, status: 'OPEN', expiresAt: { gt: this.ctx.now() } },
        data: { status: 'DECLINED', respondedAt: this.ctx.now() },
      });
      if (updated.count === 0) {
        throw new BookingError(
          BookingErrorCode.OFFER_EXPIRED,
          `This offer is ${offer.status === 'OPEN' ? 'EXPIRED' : offer.status} and can no longer be declined.`,
          { offerStatus: offer.status },
        );
      }
      return { offer: await tx.offer.findUniqueOrThrow({ where: { id: offerId } }), booking };
    });
    // A batch in which everyone declined moves on to the next one at once.
    await this.dispatcher.step(result.booking.id);
    return result;
  }

  async listMine(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; openOnly?: boolean | null },
  ) {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists receive offers.');
    const page = pageRequest(args);
    const now = this.ctx.now();
    const rows = await this.ctx.prisma.offer.findMany({
      where: {
        therapistId: viewer.userId,
        ...(args.openOnly === false ? {} : { status: 'OPEN', expiresAt: { gt: now } }),
        ...newestFirstAfter('sentAt', page.after),
      },
      orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
      take: page.take,
    });
    const bookings = await this.ctx.prisma.booking.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.bookingId))] } },
    });
    const byId = new Map(bookings.map((b) => [b.id, b]));
    const nodes = rows.map((offer) => ({ offer, booking: byId.get(offer.bookingId) as Booking }));
    return toConnection(nodes, page.size, (n) => [n.offer.sentAt.toISOString(), n.offer.id]);
  }

  async modificationsFor(booking: Booking) {
    const summary = await this.screening.summaryForBooking(booking.id);
    return summary?.modifications ?? [];
  }
}
