import type { Rating } from '@mm/db';
import { notFound, pageRequest, requireRole, toConnection, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import { ReviewError } from './reviews.errors.ts';
import type { ReviewsRepository } from './reviews.repository.ts';

const answerInput = z.object({ text: z.string().trim().min(1, 'is required').max(2000) });

export interface ReviewView extends Rating {
  reviewerCompletedSessions: number;
}

/** Reviews (issue 18): the client's rating with its text, shown with their sessions; one answer each. */
export class ReviewsService {
  constructor(
    private readonly repo: ReviewsRepository,
    private readonly now: () => Date,
  ) {}

  async forTherapist(therapistId: string, args: { first?: number | null; after?: string | null }) {
    const page = pageRequest(args, 20);
    const rows = await this.repo.page(therapistId, page.take, page.after);
    const sessions = await this.repo.completedSessions(
      therapistId,
      rows.map((r) => r.raterId),
    );
    const views: ReviewView[] = rows.map((r) => ({
      ...r,
      reviewerCompletedSessions: sessions.get(r.raterId) ?? 0,
    }));
    return toConnection(views, page.size, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /** The reviewed therapist answers once; a second answer (or a lost race) is REVIEW_ALREADY_ANSWERED. */
  async answer(viewer: Viewer | null, ratingId: string, raw: unknown): Promise<ReviewView> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const input = answerInput.parse(raw);
    const review = await this.repo.findById(ratingId);
    if (review?.raterRole !== 'CLIENT') throw notFound('The review');
    if (review.rateeId !== therapist.userId) throw new ReviewError('REVIEW_NOT_ANSWERABLE');
    if (review.answer !== null || !(await this.repo.answer(ratingId, input.text, this.now()))) {
      throw new ReviewError('REVIEW_ALREADY_ANSWERED');
    }
    const answered = await this.repo.findById(ratingId);
    if (!answered) throw notFound('The review');
    const sessions = await this.repo.completedSessions(answered.rateeId, [answered.raterId]);
    return { ...answered, reviewerCompletedSessions: sessions.get(answered.raterId) ?? 0 };
  }
}
