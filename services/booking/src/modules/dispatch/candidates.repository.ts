import { Prisma, type PrismaClient, type TransactionClient } from '@mm/db';
import { checkEligibility } from '@mm/eligibility';
import type { TherapistSnapshot } from '@mm/queue';
import { isAvailable } from '../directory/availability.policy.ts';
import { toTherapistRecord } from '../directory/directory.mapping.ts';
import { type CandidateQuery, candidateSql } from './candidates.sql.ts';
import type { DispatchCandidate } from './dispatch.policy.ts';

export type { CandidateQuery };

type Db = PrismaClient | TransactionClient;

interface Row {
  therapist_id: string;
  distance_m: number;
  snapshot: TherapistSnapshot | null;
  offers_received: number;
  offers_accepted: number;
  jobs_cancelled: number;
  rating_sum: number;
  rating_count: number;
  priority: number | null;
}

/** Batch 1's search radius; later batches multiply it (dispatch.policy.ts radiusMultipliers). */
export const BASE_SEARCH_RADIUS_METERS = 10_000;
/**
 * The client's prioritized therapists first, then the nearest: ranking needs
 * no more than this many to fill batches of at most 8 (already-offered
 * therapists are excluded in SQL, so every batch sees fresh candidates).
 */
export const CANDIDATE_LIMIT = 100;

/**
 * Candidate search. The database does what an index can: the client's
 * prioritized therapists come from their (few) preference rows; everyone else
 * comes nearest first from a KNN scan of the partial GiST index on bookable
 * therapists (approved, payouts on), bounded by the search box and stopped at
 * the limit, so the cost follows the limit, not the therapists in the box.
 * Each therapist's own radius, a license jurisdiction, gender, blocks both
 * ways and a confirmed booking overlapping the busy range (the same range the
 * exclusion constraint guards) filter the rows. The explainable rules then
 * run in code: `checkEligibility` (the same rules screening's eligibility
 * query explains) and weekly availability.
 */
export class CandidatesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The plan of the candidate query (the bench and a test show the GiST index is used). */
  async explain(q: CandidateQuery, db: Db = this.prisma): Promise<string> {
    const rows = await db.$queryRaw<{ 'QUERY PLAN': string }[]>(
      Prisma.sql`EXPLAIN ${candidateSql(q, q.limit ?? CANDIDATE_LIMIT)}`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  async search(q: CandidateQuery, db: Db = this.prisma): Promise<DispatchCandidate[]> {
    const rows = await db.$queryRaw<Row[]>(candidateSql(q, q.limit ?? CANDIDATE_LIMIT));
    const request = {
      jurisdiction: q.jurisdiction,
      date: q.localDate,
      modalities: q.modalities,
      requiresIntraOral: q.requiresIntraOral,
    };
    return rows
      .filter(
        (r) =>
          r.snapshot !== null &&
          checkEligibility(toTherapistRecord(r.snapshot), request).eligible &&
          isAvailable(r.snapshot, q.startsAt, q.endsAt),
      )
      .map((r) => ({
        therapistId: r.therapist_id,
        distanceMeters: Number(r.distance_m),
        clientPriority: r.priority,
        stats: {
          acceptanceRate: r.offers_received > 0 ? r.offers_accepted / r.offers_received : null,
          cancellationRate: r.offers_accepted > 0 ? r.jobs_cancelled / r.offers_accepted : null,
          rating: r.rating_count > 0 ? r.rating_sum / r.rating_count : null,
        },
      }));
  }
}
