import { recordAudit } from '@mm/db';
import {
  forbidden,
  newestFirstAfter,
  notFound,
  pageRequest,
  requireRole,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import type { BookingContext } from '../../context.ts';
import { CHECKOUT_ALERT_AFTER_MINUTES } from './booking.fields.ts';
import { scheduleCheckoutWatch } from './booking.jobs.ts';
import { isTerminal } from './booking.state-machine.ts';

export type CheckoutWatchResult = 'NOT_YET' | 'ALERTED' | 'ALREADY_ALERTED' | 'CHECKED_OUT' | 'GONE';

/**
 * Safety check-in/out. A therapist checks in by arriving and out by
 * completing (or recording a no-show, or a day-of block). If they are still
 * checked in 40 minutes after the planned end, an alert goes to the admins'
 * trust-and-safety queue.
 */
export class CheckoutWatch {
  constructor(private readonly ctx: BookingContext) {}

  async check(bookingId: string): Promise<CheckoutWatchResult> {
    const booking = await this.ctx.prisma.booking.findUnique({ where: { id: bookingId } });
    if (!booking) return 'GONE';
    const due = new Date(booking.endsAt.getTime() + CHECKOUT_ALERT_AFTER_MINUTES * 60_000);
    const now = this.ctx.now();
    const onSite = booking.state === 'ARRIVED' || booking.state === 'IN_SESSION';
    if (now < due) {
      // Fired early (or the clock moved back): look again at the due time.
      if (!isTerminal(booking.state)) {
        await this.ctx.prisma.$transaction((tx) => scheduleCheckoutWatch(tx, bookingId, due));
      }
      return 'NOT_YET';
    }
    if (!onSite || booking.checkedOutAt) return 'CHECKED_OUT';
    const created = await this.ctx.prisma.safetyAlert.createMany({
      data: [
        {
          bookingId,
          therapistId: booking.therapistId as string,
          kind: 'CHECKOUT_OVERDUE',
          message: `The therapist has not checked out ${CHECKOUT_ALERT_AFTER_MINUTES} minutes after the planned end (${booking.endsAt.toISOString()}).`,
          raisedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    return created.count === 1 ? 'ALERTED' : 'ALREADY_ALERTED';
  }

  async list(
    viewer: Viewer | null,
    args: { first?: number | null; after?: string | null; unresolvedOnly?: boolean | null },
  ) {
    requireRole(viewer, 'ADMIN');
    const page = pageRequest(args);
    const rows = await this.ctx.prisma.safetyAlert.findMany({
      where: {
        ...(args.unresolvedOnly === false ? {} : { resolvedAt: null }),
        ...newestFirstAfter('raisedAt', page.after),
      },
      orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
      take: page.take,
    });
    return toConnection(rows, page.size, (a) => [a.raisedAt.toISOString(), a.id]);
  }

  async resolve(viewer: Viewer | null, alertId: string) {
    const admin = requireRole(viewer, 'ADMIN');
    if (admin.role !== 'ADMIN') throw forbidden();
    return this.ctx.prisma.$transaction(async (tx) => {
      const alert = await tx.safetyAlert.findUnique({ where: { id: alertId } });
      if (!alert) throw notFound('The alert');
      if (alert.resolvedAt) return alert;
      const resolved = await tx.safetyAlert.update({
        where: { id: alertId },
        data: { resolvedAt: this.ctx.now(), resolvedBy: admin.userId },
      });
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
