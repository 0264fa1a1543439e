import { Prisma, type PrismaClient, type TransactionClient } from '@mm/db';
import { checkEligibility } from '@mm/eligibility';
import type { TherapistSnapshot } from '@mm/queue';
import { isAvailable } from '../directory/availability.policy.ts';
import { toTherapistRecord } from '../directory/directory.mapping.ts';
import type { DispatchCandidate } from './dispatch.policy.ts';

type Db = PrismaClient | TransactionClient;

export interface CandidateQuery {
  clientId: string;
  latitude: number;
  longitude: number;
  jurisdiction: string;
  /** The session's local date in the client's timezone (YYYY-MM-DD), for license validity. */
  localDate: string;
  startsAt: Date;
  endsAt: Date;
  busyFrom: Date;
  busyUntil: Date;
  modalities: readonly string[];
  requiresIntraOral: boolean;
  genderPreference: string | null;
  searchRadiusMeters: number;
  /** Offers go only to this therapist (a rebook or a chosen therapist). */
  onlyTherapistId: string | null;
  excludedTherapistIds: readonly string[];
  limit?: number;
}

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
 * Candidate search. The database does what an index can: the GiST
 * earthdistance index finds therapists inside the search box, then each
 * therapist's own radius, approval, payouts, a license jurisdiction, gender,
 * blocks both ways and a confirmed booking overlapping the busy range
 * (the same range the exclusion constraint guards) filter them. The
 * explainable rules then run in code: `checkEligibility` (the same rules
 * screening's eligibility query explains) and weekly availability.
 */
export class CandidatesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The plan of the candidate query (the bench and a test show the GiST index is used). */
  async explain(q: CandidateQuery, db: Db = this.prisma): Promise<string> {
    const rows = await db.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${this.sql(q)}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  async search(q: CandidateQuery, db: Db = this.prisma): Promise<DispatchCandidate[]> {
    const rows = await db.$queryRaw<Row[]>(this.sql(q));
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

  private sql(q: CandidateQuery): Prisma.Sql {
    return Prisma.sql`
      WITH origin AS (SELECT ll_to_earth(${q.latitude}::float8, ${q.longitude}::float8) AS e)
      , nearest AS (
      SELECT d.therapist_id,
             earth_distance(ll_to_earth(d.latitude, d.longitude), origin.e) AS distance_m,
             p.rank AS priority
      FROM booking.therapist_directory d
      CROSS JOIN origin
      LEFT JOIN booking.client_therapist_preferences p
        ON p.client_id = ${q.clientId}::uuid AND p.therapist_id = d.therapist_id AND p.kind = 'PRIORITIZE'
      WHERE d.latitude IS NOT NULL AND d.longitude IS NOT NULL
        AND earth_box(origin.e, ${q.searchRadiusMeters}::float8) @> ll_to_earth(d.latitude, d.longitude)
        AND earth_distance(ll_to_earth(d.latitude, d.longitude), origin.e)
            <= LEAST(${q.searchRadiusMeters}::float8, d.radius_km * 1000)
        AND d.status = 'APPROVED'
        AND d.payouts_enabled
        AND ${q.jurisdiction}::text = ANY (d.license_jurisdictions)
        AND (${q.genderPreference}::text IS NULL OR upper(d.gender) = upper(${q.genderPreference}::text))
        AND (${q.onlyTherapistId}::uuid IS NULL OR d.therapist_id = ${q.onlyTherapistId}::uuid)
        AND NOT (d.therapist_id = ANY (${[...q.excludedTherapistIds]}::uuid[]))
        AND NOT EXISTS (
          SELECT 1 FROM booking.therapist_client_blocks b
          WHERE b.therapist_id = d.therapist_id AND b.client_id = ${q.clientId}::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM booking.client_therapist_preferences n
          WHERE n.client_id = ${q.clientId}::uuid AND n.therapist_id = d.therapist_id AND n.kind = 'NEVER')
        AND NOT EXISTS (
          SELECT 1 FROM booking.bookings k
          WHERE k.therapist_id = d.therapist_id
            AND k.state IN ('CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION')
            AND tstzrange(k.busy_from, k.busy_until, '[)') && tstzrange(${q.busyFrom}::timestamptz, ${q.busyUntil}::timestamptz, '[)'))
      ORDER BY (p.rank IS NULL), p.rank, distance_m, d.therapist_id
      LIMIT ${q.limit ?? CANDIDATE_LIMIT})
      -- Only the chosen rows pay for the wide snapshot column.
      SELECT n.therapist_id::text AS therapist_id, n.distance_m, n.priority,
             d.snapshot, d.offers_received, d.offers_accepted, d.jobs_cancelled, d.rating_sum, d.rating_count
      FROM nearest n JOIN booking.therapist_directory d ON d.therapist_id = n.therapist_id
      ORDER BY (n.priority IS NULL), n.priority, n.distance_m, n.therapist_id`;
  }
}
