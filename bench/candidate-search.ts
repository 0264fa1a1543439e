/**
 * Candidate search at 10k and 100k therapists: p50/p99 of the real candidate
 * query (SQL on the GiST earthdistance index + eligibility and availability in
 * code), the growth from 10k to 100k, and the plan. Seeds a throwaway
 * database on the loopback Postgres and drops it. Prints figures; not a test.
 */
import { performance } from 'node:perf_hooks';
import {
  type CandidateQuery,
  CandidatesRepository,
} from '../services/booking/src/modules/dispatch/candidates.repository.ts';
import { fmt, percentile, throwawayDatabase } from './support.ts';

const QUERIES = 200;
// Therapists spread over a ~110 km × 110 km square around Manhattan, like a dense metro area.
const CENTER = { lat: 40.758, lng: -73.9855 };
const SPREAD_DEG = 0.5;

async function seed(
  prisma: Awaited<ReturnType<typeof throwawayDatabase>>['prisma'],
  from: number,
  to: number,
  spread = SPREAD_DEG,
) {
  // One INSERT … SELECT generate_series: the snapshot JSON is what screening's events would carry.
  await prisma.$executeRawUnsafe(`
    INSERT INTO booking.therapist_directory
      (therapist_id, status, display_name, gender, timezone, latitude, longitude, radius_km,
       license_jurisdictions, snapshot, snapshot_at, payouts_enabled, offers_received, offers_accepted, rating_sum, rating_count)
    SELECT t.id, CASE WHEN t.g % 10 = 0 THEN 'SUSPENDED' ELSE 'APPROVED' END, 'Therapist ' || t.g,
           CASE WHEN t.g % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, 'America/New_York', t.lat, t.lng, 8 + (t.g % 18),
           ARRAY['US-NY'],
           jsonb_build_object(
             'therapistId', t.id, 'status', 'APPROVED', 'displayName', 'Therapist ' || t.g, 'gender', NULL,
             'timezone', 'America/New_York',
             'serviceArea', jsonb_build_object('latitude', t.lat, 'longitude', t.lng, 'radiusKm', 8 + (t.g % 18)),
             'weeklyAvailability', (SELECT jsonb_agg(jsonb_build_object('day', d, 'startMinute', 420, 'endMinute', 1260)) FROM generate_series(1, 7) d),
             'availabilityExceptions', '[]'::jsonb,
             'licenses', jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'jurisdiction', 'US-NY', 'type', 'LMT',
                 'issuedOn', '2020-01-01', 'expiresOn', '2030-12-31', 'status', 'VERIFIED')),
             'insurance', jsonb_build_object('expiresOn', '2030-12-31', 'status', 'VERIFIED'),
             'credentials', '[]'::jsonb, 'backgroundCheck', jsonb_build_object('status', 'CLEAR'),
             'migraineExperienceYears', 3),
           now(), t.g % 20 <> 0, 10 + t.g % 7, 5 + t.g % 5, (t.g % 5 + 1) * 3, 3
    FROM (SELECT g, gen_random_uuid() AS id,
                 ${CENTER.lat} + (random() - 0.5) * ${spread} AS lat,
                 ${CENTER.lng} + (random() - 0.5) * ${spread} AS lng
          FROM generate_series(${from}, ${to - 1}) g) t`);
  await prisma.$executeRawUnsafe('ANALYZE booking.therapist_directory');
}

function query(i: number): CandidateQuery {
  const lat = CENTER.lat + (((i * 7919) % 1000) / 1000 - 0.5) * SPREAD_DEG * 0.6;
  const lng = CENTER.lng + (((i * 104729) % 1000) / 1000 - 0.5) * SPREAD_DEG * 0.6;
  const startsAt = new Date('2026-11-24T17:00:00.000Z');
  const endsAt = new Date(startsAt.getTime() + 3600_000);
  return {
    clientId: '00000000-0000-4000-8000-000000000001',
    latitude: lat,
    longitude: lng,
    jurisdiction: 'US-NY',
    localDate: '2026-11-24',
    startsAt,
    endsAt,
    busyFrom: new Date(startsAt.getTime() - 15 * 60_000),
    busyUntil: new Date(endsAt.getTime() + 15 * 60_000),
    modalities: ['SWEDISH'],
    requiresIntraOral: false,
    genderPreference: null,
    searchRadiusMeters: 10_000,
    onlyTherapistId: null,
    excludedTherapistIds: [],
  };
}

async function measure(repo: CandidatesRepository) {
  for (let i = 0; i < 20; i++) await repo.search(query(i)); // warm-up
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const t0 = performance.now();
    found += (await repo.search(query(i))).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), avgCandidates: found / QUERIES };
}

export async function runCandidateSearchBench(): Promise<void> {
  const db = await throwawayDatabase('search');
  try {
    const repo = new CandidatesRepository(db.prisma);
    await seed(db.prisma, 0, 10_000);
    const small = await measure(repo);
    console.log(
      `candidate search @ 10k therapists:  p50 ${fmt(small.p50)}  p99 ${fmt(small.p99)}  (~${small.avgCandidates.toFixed(0)} candidates per query)`,
    );
    await seed(db.prisma, 10_000, 100_000);
    const large = await measure(repo);
    console.log(
      `candidate search @ 100k therapists: p50 ${fmt(large.p50)}  p99 ${fmt(large.p99)}  (~${large.avgCandidates.toFixed(0)} candidates per query)`,
    );
    console.log(
      `growth 10k → 100k (10× the therapists, 10× the density): p50 ×${(large.p50 / small.p50).toFixed(2)}, p99 ×${(large.p99 / small.p99).toFixed(2)}`,
    );
    // Same 100k over 10× the area: the density of the 10k run. The index makes the cost follow
    // the therapists near the client, not the size of the table.
    await db.prisma.$executeRawUnsafe('TRUNCATE booking.therapist_directory');
    await seed(db.prisma, 0, 100_000, SPREAD_DEG * Math.sqrt(10));
    const wide = await measure(repo);
    console.log(
      `candidate search @ 100k therapists over 10× the area (10k's density): p50 ${fmt(wide.p50)}  p99 ${fmt(wide.p99)}`,
    );
    console.log(
      `growth 10k → 100k at equal density: p50 ×${(wide.p50 / small.p50).toFixed(2)}, p99 ×${(wide.p99 / small.p99).toFixed(2)}`,
    );
    const plan = await repo.explain(query(0));
    const usesIndex = plan.includes('therapist_directory_location_gist');
    console.log(`plan uses the GiST earthdistance index: ${usesIndex ? 'yes' : 'NO'}`);
    console.log(
      plan
        .split('\n')
        .filter((l) => /therapist_directory|Index|Scan/.test(l))
        .slice(0, 6)
        .map((l) => `  ${l.trim()}`)
        .join('\n'),
    );
  } finally {
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCandidateSearchBench();
