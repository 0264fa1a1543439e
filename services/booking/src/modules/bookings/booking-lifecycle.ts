import type { Booking, Offer, Prisma, TransactionClient } from '@mm/db';
import { retryWriteConflicts } from '@mm/graphql-kit';
import type { BookingContext } from '../../context.ts';
import { type OfferUpdate, offerUpdate, type Realtime } from '../realtime/realtime.ts';
import type { ScreeningSummary } from '../safety/safety.service.ts';
import { type BookingEvent, type BookingState, transition } from './booking.state-machine.ts';
import type { BookingsRepository } from './bookings.repository.ts';

/** Live updates to publish once the transaction committed (best effort: the state is already durable). */
export type AfterCommit = (() => Promise<void>)[];

/**
 * The one owner of the booking aggregate: every write to a booking or its
 * offers goes through here. A state change goes through `apply` (the state
 * machine decides, or throws ILLEGAL_TRANSITION) under the booking's row lock;
 * `note` records facts that do not change the state (price, dispatch
 * progress); the offer methods change offers. Live updates are published
 * after commit; jobs and events are written in the transaction by the callers
 * (enqueueJob, emitEvent).
 */
export class BookingLifecycle {
  constructor(
    private readonly ctx: BookingContext,
    readonly repo: BookingsRepository,
    private readonly realtime: Realtime,
  ) {}

  async inTransaction<T>(fn: (tx: TransactionClient, after: AfterCommit) => Promise<T>): Promise<T> {
    const after: AfterCommit = [];
    // A serialization failure or deadlock runs the transaction again; the rerun sees the winner.
    const result = await retryWriteConflicts(() =>
      this.ctx.prisma.$transaction(
        (tx) => {
          after.length = 0; // effects of an attempt that rolled back never run
          return fn(tx, after);
        },
        { maxWait: 60_000, timeout: 60_000 },
      ),
    );
    await runAfterCommit(after, this.ctx);
    return result;
  }

  lock(tx: TransactionClient, bookingId: string): Promise<Booking | null> {
    return this.repo.lock(tx, bookingId);
  }

  create(tx: TransactionClient, data: Prisma.BookingUncheckedCreateInput): Promise<Booking> {
    return this.repo.create(tx, data);
  }

  /**
   * A new booking whose first event is already decided (a request screened in the same
   * transaction): one INSERT in the state the machine gives DRAFT for that event, where
   * `create` then `apply` would write twice.
   */
  async createApplied(
    tx: TransactionClient,
    after: AfterCommit,
    event: BookingEvent,
    data: Omit<Prisma.BookingUncheckedCreateInput, 'state' | 'version'>,
  ): Promise<Booking> {
    const to: BookingState = transition('DRAFT', event);
    const booking = await this.repo.create(tx, { ...data, state: to, version: 1 });
    this.announce(after, { ...booking, state: 'DRAFT' }, to, booking.therapistId, null);
    return booking;
  }

  /** A fact that does not move the state (a new price, dispatch progress). */
  note(tx: TransactionClient, booking: Booking, patch: Prisma.BookingUpdateInput): Promise<Booking> {
    return this.repo.update(tx, booking.id, patch);
  }

  /** The one write path of a state change. */
  async apply(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    event: BookingEvent,
    patch: Prisma.BookingUpdateInput,
    reason: string | null = null,
  ): Promise<Booking> {
    const to: BookingState = transition(booking.state, event);
    const next = await this.repo.update(tx, booking.id, { ...patch, state: to, version: { increment: 1 } });
    this.announce(after, booking, to, next.therapistId, reason);
    return next;
  }

  /**
   * First accept wins (`offerAccepted`): one conditional UPDATE … WHERE state =
   * 'SEARCHING' AND round decides, under the row lock Postgres takes for it.
   * Returns null when another accept won; the offer is marked ACCEPTED and the
   * other open offers of the booking are withdrawn.
   */
  async accept(
    tx: TransactionClient,
    after: AfterCommit,
    a: { booking: Booking; offer: Offer; therapistId: string; acknowledged: boolean; now: Date },
  ): Promise<{ booking: Booking; offer: Offer } | null> {
    const to = transition(a.booking.state, 'offerAccepted');
    const booking = await this.repo.assignIfSearching(tx, {
      bookingId: a.booking.id,
      round: a.offer.round,
      data: {
        state: to,
        therapistId: a.therapistId,
        confirmedAt: a.now,
        modificationsAcknowledgedAt: a.acknowledged ? a.now : null,
        version: { increment: 1 },
      },
    });
    if (!booking) return null;
    const offer = await this.repo.updateOffer(tx, a.offer.id, {
      status: 'ACCEPTED',
      respondedAt: a.now,
      modificationsAcknowledged: a.acknowledged,
    });
    // The winner's transaction is what every loser waits for: each statement saved here counts.
    const losers = await this.repo.changeOffers(
      tx,
      { bookingId: booking.id, status: 'OPEN', id: { not: offer.id } },
      { status: 'WITHDRAWN', respondedAt: a.now },
    );
    this.announce(after, a.booking, to, a.therapistId, null);
    for (const o of losers) this.announceOffer(after, o, booking, null, 'WITHDRAWN');
    return { booking, offer };
  }

  // ── Offers ──

  async sendOffer(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    summary: ScreeningSummary | null,
    data: Omit<Prisma.OfferUncheckedCreateInput, 'bookingId'>,
  ): Promise<Offer> {
    const offer = await this.repo.createOffer(tx, { ...data, bookingId: booking.id });
    this.announceOffer(after, offer, booking, summary, 'OPEN');
    return offer;
  }

  /** Marks open offers EXPIRED (all of the booking's, or those past `dueBy`) and tells their therapists. */
  async expireOffers(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    summary: ScreeningSummary | null,
    dueBy: Date | null,
  ): Promise<void> {
    const where = {
      bookingId: booking.id,
      status: 'OPEN' as const,
      ...(dueBy ? { expiresAt: { lte: dueBy } } : {}),
    };
    const open = await this.repo.offers(tx, where);
    if (open.length === 0) return;
    await this.repo.setOfferStatus(tx, { id: { in: open.map((o) => o.id) } }, { status: 'EXPIRED' });
    for (const o of open) this.announceOffer(after, o, booking, summary, 'EXPIRED');
  }

  async withdrawOpenOffers(tx: TransactionClient, bookingId: string): Promise<void> {
    await this.repo.setOfferStatus(tx, { bookingId, status: 'OPEN' }, { status: 'WITHDRAWN' });
  }

  /** The therapist declines an open offer; false when it was no longer open. */
  async declineOffer(tx: TransactionClient, offerId: string, now: Date): Promise<boolean> {
    const n = await this.repo.setOfferStatus(
      tx,
      { id: offerId, status: 'OPEN', expiresAt: { gt: now } },
      { status: 'DECLINED', respondedAt: now },
    );
    return n === 1;
  }

  private announce(
    after: AfterCommit,
    booking: Pick<Booking, 'id' | 'clientId' | 'state'>,
    to: BookingState,
    therapistId: string | null,
    reason: string | null,
  ): void {
    const at = this.ctx.now().toISOString();
    after.push(() =>
      this.realtime.publishBooking(booking.clientId, {
        bookingId: booking.id,
        state: to,
        previousState: booking.state,
        therapistId,
        reason,
        at,
      }),
    );
  }

  private announceOffer(
    after: AfterCommit,
    offer: Offer,
    booking: Booking,
    summary: ScreeningSummary | null,
    status: OfferUpdate['status'],
  ): void {
    after.push(() =>
      this.realtime.publishOffer(offer.therapistId, offerUpdate(offer, booking, summary, status)),
    );
  }
}

async function runAfterCommit(after: AfterCommit, ctx: BookingContext): Promise<void> {
  for (const effect of after.splice(0)) {
    try {
      await effect();
    } catch (err) {
      ctx.log.error({ err }, 'live update after commit failed; the change itself is committed');
    }
  }
}
