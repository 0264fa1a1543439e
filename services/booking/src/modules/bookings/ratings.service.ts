import type { Booking, Rating } from '@mm/db';
import { notFound, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { DirectoryRepository } from '../directory/directory.repository.ts';
import { BookingError } from './booking.errors.ts';
import { canSee } from './booking.fields.ts';
import type { BookingLifecycle } from './booking-lifecycle.ts';

const ratingInput = z.object({
  score: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  comment: z.string().trim().max(2000).nullish(),
});

/** After a completed session, client and therapist rate each other once; a client's rating feeds matching. */
export class RatingsService {
  constructor(
    private readonly lifecycle: BookingLifecycle,
    private readonly directory: DirectoryRepository,
  ) {}

  async rate(viewer: Viewer, bookingId: string, raw: unknown): Promise<Rating> {
    const input = ratingInput.parse(raw);
    return this.lifecycle.inTransaction(async (tx) => {
      const booking = await this.lifecycle.lock(tx, bookingId);
      if (!booking || !canSee(viewer, booking)) throw notFound('The booking');
      const raterRole = roleIn(booking, viewer.userId);
      if (raterRole === null || booking.state !== 'COMPLETED') {
        throw new BookingError(
          'RATING_NOT_ALLOWED',
          `Only the client or therapist of a completed session can rate it; this booking is ${booking.state}.`,
        );
      }
      const existing = await this.lifecycle.repo.findRating(tx, bookingId, raterRole);
      if (existing) throw new BookingError('ALREADY_RATED');
      const rateeId = raterRole === 'CLIENT' ? (booking.therapistId as string) : booking.clientId;
      const rating = await this.lifecycle.repo.createRating(tx, {
        bookingId,
        raterId: viewer.userId,
        raterRole,
        rateeId,
        score: input.score,
        comment: input.comment ?? null,
      });
      if (raterRole === 'CLIENT') await this.directory.addClientRating(tx, rateeId, input.score);
      return rating;
    });
  }
}

const roleIn = (booking: Booking, userId: string) =>
  userId === booking.clientId ? 'CLIENT' : userId === booking.therapistId ? 'THERAPIST' : null;
