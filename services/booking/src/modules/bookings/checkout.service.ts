import { recordAudit } from '@mm/db';
import { notFound, pageRequest, requireRole, toConnection, type Viewer } from '@mm/graphql-kit';
import type { BookingContext } from '../../context.ts';
import { CHECKOUT_ALERT_AFTER_MINUTES, checkoutAlertAt } from './booking.fields.ts';
import { scheduleCheckoutWatch } from './booking.jobs.ts';
import { isTerminal } from './booking.state-machine.ts';
import type { BookingsRepository } from './bookings.repository.ts';

export type CheckoutWatchResult = 'NOT_YET' | 'ALERTED' | 'ALREADY_ALERTED' | 'CHECKED_OUT' | 'GONE';

/**
 * Safety check-in/out. A therapist checks in by arriving and out by
 * completing (or recording a no-show, or a day-of block). If they are still
 * checked in 40 minutes after the planned end, an alert goes to the admins'
 * trust-and-safety queue.
 */
export class CheckoutWatch {
  constructor(
    private readonly ctx: BookingContext,
    private readonly repo: BookingsRepository,
  ) {}

  async check(bookingId: string): Promise<CheckoutWatchResult> {
    const booking = await this.repo.find(bookingId);
    if (!booking) return 'GONE';
    const due = checkoutAlertAt(booking);
    const now = this.ctx.now();
    if (now < due) {
      // Fired early (or the clock moved back): look again at the due time.
      if (!isTerminal(booking.state)) {
        await this.ctx.prisma.$transaction((tx) => scheduleCheckoutWatch(tx, bookingId, due));
      }
      return 'NOT_YET';
    }
    const onSite = booking.state === 'ARRIVED' || booking.state === 'IN_SESSION';
    if (!onSite || booking.checkedOutAt) return 'CHECKED_OUT';
    const raised = await this.repo.raiseCheckoutAlert({
      bookingId,
      therapistId: booking.therapistId as string,
      message: `The therapist has not checked out ${CHECKOUT_ALERT_AFTER_MINUTES} minutes after the planned end (${booking.endsAt.toISOString()}).`,
      at: now,
    });
    return raised ? 'ALERTED' : 'ALREADY_ALERTED';
  }

  async list(
    viewer: Viewer | null,
    args: { first?: number | null; after?: string | null; unresolvedOnly?: boolean | null },
  ) {
    requireRole(viewer, 'ADMIN');
    const page = pageRequest(args);
    const rows = await this.repo.listSafetyAlerts(args.unresolvedOnly !== false, page.take, page.after);
    return toConnection(rows, page.size, (a) => [a.raisedAt.toISOString(), a.id]);
  }

  async resolve(viewer: Viewer | null, alertId: string) {
    const admin = requireRole(viewer, 'ADMIN');
    return this.ctx.prisma.$transaction(async (tx) => {
      const alert = await this.repo.findSafetyAlert(tx, alertId);
      if (!alert) throw notFound('The alert');
      if (alert.resolvedAt) return alert;
      const resolved = await this.repo.resolveSafetyAlert(tx, alertId, this.ctx.now(), admin.userId);
      await recordAudit(tx, {
        actorId: admin.userId,
        actorRole: 'ADMIN',
        action: 'safety_alert.resolved',
        entityType: 'SafetyAlert',
        entityId: alertId,
        before: { resolvedAt: null },
        after: { resolvedAt: resolved.resolvedAt },
      });
      return resolved;
    });
  }
}
