import type { Booking, Prisma } from '@mm/db';
import { notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import type { BookingContext } from '../../context.ts';
import { scheduleDispatchStep } from '../bookings/booking.jobs.ts';
import type { BookingLifecycle } from '../bookings/booking-lifecycle.ts';
import { therapistIdOf } from '../bookings/requests.service.ts';
import { BrowseError } from './browse.errors.ts';

export type DirectDeclineChoice = 'WAIT' | 'ANOTHER_THERAPIST' | 'OPEN_DISPATCH';

/**
 * Who the next search offers to: the same or another chosen therapist, or
 * dispatch's open search, which never offers it again to a therapist who
 * declined it or let it expire (`passed`).
 */
function nextTarget(
  booking: Booking,
  choice: DirectDeclineChoice,
  therapistId: string | null,
  passed: readonly string[],
) {
  if (choice === 'WAIT') return { requestedTherapistId: booking.requestedTherapistId, directRequest: true };
  if (choice === 'ANOTHER_THERAPIST') {
    if (!therapistId) throw new BrowseError('CHOICE_THERAPIST_REQUIRED');
    return { requestedTherapistId: therapistId, directRequest: true };
  }
  const excludedTherapistIds = [...new Set([...booking.excludedTherapistIds, ...passed])];
  return { requestedTherapistId: null, directRequest: false, excludedTherapistIds };
}

/**
 * The client's answer to AWAITING_CLIENT_CHOICE: a new dispatch round
 * (through the lifecycle, `clientChoseNext`) toward whoever they chose. The
 * hold is still in place, so the search starts at once.
 */
export class DirectChoices {
  constructor(
    private readonly ctx: BookingContext,
    private readonly lifecycle: BookingLifecycle,
  ) {}

  async choose(
    viewer: Viewer | null,
    bookingId: string,
    input: { choice: DirectDeclineChoice; therapistId?: string | null },
  ): Promise<Booking> {
    const client = requireRole(viewer, 'CLIENT');
    const therapistId = input.therapistId ? therapistIdOf(input.therapistId) : null;
    return this.lifecycle.inTransaction(async (tx, after) => {
      const booking = await this.lifecycle.lock(tx, bookingId);
      if (!booking || booking.clientId !== client.userId) throw notFound('The booking');
      const passed = await this.lifecycle.repo.offers(tx, {
        bookingId: booking.id,
        status: { in: ['DECLINED', 'EXPIRED'] },
      });
      const target = nextTarget(
        booking,
        input.choice,
        therapistId,
        passed.map((o) => o.therapistId),
      );
      const now = this.ctx.now();
      const round = booking.dispatchRound + 1;
      const patch: Prisma.BookingUpdateInput = {
        ...target,
        dispatchRound: round,
        searchStartedAt: now,
        batchesSent: 0,
        batchExpiresAt: null,
      };
      const next = await this.lifecycle.apply(tx, after, booking, 'clientChoseNext', patch);
      await scheduleDispatchStep(tx, { id: booking.id, dispatchRound: round }, now);
      return next;
    });
  }
}
