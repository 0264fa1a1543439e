import type { Config } from '@mm/config';
import type { Booking, Prisma, TransactionClient } from '@mm/db';
import { forbidden, notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import type { BookingContext } from '../../context.ts';
import type { DayOfCheckView, DayOfService } from '../day-of/day-of.service.ts';
import type { PricingRepository } from '../pricing/pricing.repository.ts';
import { BookingError } from './booking.errors.ts';
import { canSee, money } from './booking.fields.ts';
import type { BookingEvent } from './booking.state-machine.ts';
import { transition } from './booking.state-machine.ts';
import type { AfterCommit, BookingLifecycle } from './booking-lifecycle.ts';
import { cancellationFee } from './cancellation.policy.ts';
import { storedCancellation } from './cancellations.service.ts';
import {
  DEFAULT_VISIT_TIMING,
  sessionPayment,
  tooEarly,
  type VisitStep,
  type VisitTimingPolicy,
} from './visit-timing.policy.ts';

/** The visit windows: the policy's defaults, with the lead times an operator configured. */
export function visitTimingOf(config: Config): VisitTimingPolicy {
  return {
    ...DEFAULT_VISIT_TIMING,
    enRouteLeadMinutes: config.VISIT_EN_ROUTE_LEAD_MINUTES,
    arrivalLeadMinutes: config.VISIT_ARRIVAL_LEAD_MINUTES,
    sessionStartLeadMinutes: config.VISIT_ARRIVAL_LEAD_MINUTES,
  };
}

export interface VisitsDeps {
  ctx: BookingContext;
  lifecycle: BookingLifecycle;
  pricing: PricingRepository;
  dayOf: DayOfService;
}

/** The visit, as the assigned therapist runs it: on the way, at the door (day-of check), the session, check-out. */
export class VisitsService {
  private readonly timing: VisitTimingPolicy;

  constructor(private readonly d: VisitsDeps) {
    this.timing = visitTimingOf(d.ctx.config);
  }

  private get now(): Date {
    return this.d.ctx.now();
  }

  startEnRoute(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.therapistAction(viewer, bookingId, 'startEnRoute', () => ({ enRouteAt: this.now }));
  }

  arrive(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.therapistAction(viewer, bookingId, 'arrive', () => ({ arrivedAt: this.now }));
  }

  /** The day-of check at the door; a check that ends the visit blocks the booking (no fee). */
  async recordDayOfCheck(viewer: Viewer | null, bookingId: string, raw: unknown): Promise<DayOfCheckView> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const input = this.d.dayOf.parseCheck(raw);
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.d.lifecycle.lock(tx, bookingId);
      if (!booking || booking.therapistId !== therapist.userId) throw notFound('The booking');
      const { check, endedVisit } = await this.d.dayOf.record(tx, therapist, booking, input);
      if (endedVisit) await this.blockAtDoor(tx, after, booking, endedVisit);
      return check;
    });
  }

  /** After a DEFER that offered gentle-only, the client prefers to reschedule: the visit ends, no fee. */
  async endVisit(viewer: Viewer | null, checkId: string): Promise<DayOfCheckView> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const bookingId = await this.d.dayOf.bookingOfCheck(checkId);
    if (!bookingId) throw notFound('The day-of check');
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.d.lifecycle.lock(tx, bookingId);
      const check = await this.d.dayOf.endVisit(tx, therapist, checkId);
      if (booking) await this.blockAtDoor(tx, after, booking, 'DEFER');
      return check;
    });
  }

  /** REFER/DEFER at the door: ARRIVED → BLOCKED, no fee, `booking.blocked` stage DAY_OF. */
  private async blockAtDoor(
    tx: TransactionClient,
    after: AfterCommit,
    booking: Booking,
    outcome: 'REFER' | 'DEFER',
  ) {
    await this.d.lifecycle.apply(
      tx,
      after,
      booking,
      'dayOfBlocked',
      { checkedOutAt: this.now, endedAt: this.now, endReason: `DAY_OF_${outcome}` },
      `The day-of check outcome is ${outcome}.`,
    );
    await emitEvent(tx, {
      type: 'booking.blocked',
      aggregateType: 'Booking',
      aggregateId: booking.id,
      payload: { bookingId: booking.id, clientId: booking.clientId, outcome, stage: 'DAY_OF' },
    });
  }

  /**
   * The session starts only on time, when the day-of module's rule allows it (its errors reach
   * the client as they are) and the card is held. A booking the door check blocked asks the rule
   * first, so the therapist hears DAY_OF_CHECK_NOT_CLEAR (why) rather than ILLEGAL_TRANSITION (what).
   * A missing hold is requested from payments in a committed transaction, then the start is
   * refused with PAYMENT_NOT_HELD (retry shortly).
   */
  async startSession(viewer: Viewer, bookingId: string): Promise<Booking> {
    const result = await this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.lockAsTherapist(tx, viewer, bookingId);
      if (!blockedAtDoor(booking)) {
        transition(booking.state, 'startSession');
        this.assertOnTime(booking, 'startSession');
      }
      const check = await this.d.dayOf.assertSessionMayStart(tx, { bookingId, now: this.now });
      transition(booking.state, 'startSession');
      const payment = sessionPayment(this.timing, { ...booking, now: this.now });
      if (payment.kind === 'CLOSED') throw new BookingError('PAYMENT_AUTHORIZATION_CLOSED', payment.message);
      if (payment.kind === 'AUTHORIZE_NOW') return this.requestAuthorization(tx, booking);
      return this.d.lifecycle.apply(tx, after, booking, 'startSession', {
        sessionStartedAt: this.now,
        agreedCap: check.agreedCap,
        selfCareCap: check.selfCareCap,
      });
    });
    if (result instanceof BookingError) throw result;
    return result;
  }

  /** Asks payments to authorize the card now (once per booking); returns the refusal to throw after commit. */
  private async requestAuthorization(tx: TransactionClient, booking: Booking): Promise<BookingError> {
    if (!booking.authorizationRequestedAt) {
      await this.d.lifecycle.note(tx, booking, { authorizationRequestedAt: this.now });
      await emitEvent(tx, {
        type: 'booking.authorization_requested',
        aggregateType: 'Booking',
        aggregateId: booking.id,
        payload: { bookingId: booking.id, startsAt: booking.startsAt.toISOString() },
      });
    }
    return new BookingError(
      'PAYMENT_NOT_HELD',
      'The client’s card is being authorized for this session; try starting again in a moment.',
    );
  }

  private assertOnTime(booking: Booking, step: VisitStep): void {
    const early = tooEarly(this.timing, step, booking.startsAt, this.now);
    if (early)
      throw new BookingError(early.code, early.message, { earliestAt: early.earliestAt.toISOString() });
  }

  /** Check-out: the session is over. */
  async complete(viewer: Viewer, bookingId: string): Promise<Booking> {
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.lockAsTherapist(tx, viewer, bookingId);
      const now = this.now;
      const done = await this.d.lifecycle.apply(tx, after, booking, 'complete', {
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
          kind: booking.kind,
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
    return this.d.lifecycle.inTransaction(async (tx, after) => {
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
      const stored = storedCancellation(booking, outcome, 'THERAPIST', 'CLIENT_NO_SHOW', this.now);
      const next = await this.d.lifecycle.apply(tx, after, booking, 'markNoShow', {
        cancellation: stored as object,
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

  private async lockAsTherapist(tx: TransactionClient, viewer: Viewer, bookingId: string): Promise<Booking> {
    const booking = await this.d.lifecycle.lock(tx, bookingId);
    if (!booking || !canSee(viewer, booking)) throw notFound('The booking');
    if (viewer.role !== 'THERAPIST' || booking.therapistId !== viewer.userId) {
      throw forbidden('Only the therapist assigned to this booking can do this.');
    }
    if (booking.kind === 'CONSULTATION') {
      // A phone or video call has no visit; completeConsultation ends it (issue 18).
      throw new BookingError(
        'ILLEGAL_TRANSITION',
        'A consultation has no visit: end it with completeConsultation.',
      );
    }
    return booking;
  }

  private therapistAction(
    viewer: Viewer,
    bookingId: string,
    event: BookingEvent & VisitStep,
    patch: () => Prisma.BookingUpdateInput,
  ): Promise<Booking> {
    return this.d.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.lockAsTherapist(tx, viewer, bookingId);
      transition(booking.state, event);
      this.assertOnTime(booking, event);
      return this.d.lifecycle.apply(tx, after, booking, event, patch());
    });
  }
}

/** The day-of check at the door ended this visit (`blockAtDoor`). */
function blockedAtDoor(booking: Booking): boolean {
  return booking.state === 'BLOCKED' && (booking.endReason ?? '').startsWith('DAY_OF_');
}
