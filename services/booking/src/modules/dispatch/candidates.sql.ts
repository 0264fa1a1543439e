import { Prisma } from '@mm/db';

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

/** The filters every candidate passes, prioritized or nearest (`d` is the directory row). */
function eligibleWhere(q: CandidateQuery, origin: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
        d.status = 'APPROVED' AND d.payouts_enabled
        AND d.latitude IS NOT NULL AND d.longitude IS NOT NULL
        AND earth_box(${origin}, ${q.searchRadiusMeters}::float8) @> ll_to_earth(d.latitude, d.longitude)
        AND earth_distance(ll_to_earth(d.latitude, d.longitude), ${origin})
            <= LEAST(${q.searchRadiusMeters}::float8, d.radius_km * 1000)
        AND ${q.jurisdiction}::text = ANY (d.license_jurisdictions)
        AND (${q.genderPreference}::text IS NULL OR upper(d.gender) = upper(${q.genderPreference}::text))
        AND (${q.onlyTherapistId}::uuid IS NULL OR d.therapist_id = ${q.onlyTherapistId}::uuid)
        AND NOT (d.therapist_id = ANY (${[...q.excludedTherapistIds]}::uuid[]))
        AND NOT EXISTS (
          SELECT 1 FROM booking.therapist_client_blocks b
          WHERE b.therapist_id = d.therapist_id AND b.client_id = ${q.clientId}::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM booking.bookings k
          WHERE k.therapist_id = d.therapist_id
            AND k.state IN ('CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION')
            AND tstzrange(k.busy_from, k.busy_until, '[)') && tstzrange(${q.busyFrom}::timestamptz, ${q.busyUntil}::timestamptz, '[)'))`;
}

const COLUMNS = Prisma.sql`d.therapist_id::text AS therapist_id, d.snapshot,
             d.offers_received, d.offers_accepted, d.jobs_cancelled, d.rating_sum, d.rating_count`;

/**
 * One statement, two bounded parts: the client's prioritized therapists (from the preference rows), and
 * the nearest others from a KNN scan (`<->` on the partial GiST index) that stops at the limit. The
 * origin is an inline constant so the planner can order the index scan by distance to it.
 */
export function candidateSql(q: CandidateQuery, limit: number): Prisma.Sql {
  const origin = Prisma.sql`ll_to_earth(${q.latitude}::float8, ${q.longitude}::float8)`;
  return Prisma.sql`
      (SELECT ${COLUMNS}, p.rank AS priority,
              earth_distance(ll_to_earth(d.latitude, d.longitude), ${origin}) AS distance_m
       FROM booking.client_therapist_preferences p
       JOIN booking.therapist_directory d ON d.therapist_id = p.therapist_id
       WHERE p.client_id = ${q.clientId}::uuid AND p.kind = 'PRIORITIZE' AND ${eligibleWhere(q, origin)}
       ORDER BY p.rank, d.therapist_id
       LIMIT ${limit})
      UNION ALL
      (SELECT ${COLUMNS}, NULL::int AS priority,
              earth_distance(ll_to_earth(d.latitude, d.longitude), ${origin}) AS distance_m
       FROM booking.therapist_directory d
       WHERE ${eligibleWhere(q, origin)}
         AND NOT EXISTS (
           SELECT 1 FROM booking.client_therapist_preferences n
           WHERE n.client_id = ${q.clientId}::uuid AND n.therapist_id = d.therapist_id
             AND n.kind IN ('NEVER', 'PRIORITIZE'))
       ORDER BY ll_to_earth(d.latitude, d.longitude) <-> ${origin}
       LIMIT ${limit})
      ORDER BY priority NULLS LAST, distance_m, therapist_id
      LIMIT ${limit}`;
}
