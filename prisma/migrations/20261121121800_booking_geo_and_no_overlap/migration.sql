-- Hand-written: what Prisma's schema language cannot express.

-- Geo search on an index, never a scan: earthdistance over cube (both ship with Debian's PostgreSQL).
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
-- btree_gist lets a GiST exclusion constraint compare uuids with =.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Candidate search: earth_box(ll_to_earth(client), radius) @> ll_to_earth(therapist) uses this index.
CREATE INDEX "therapist_directory_location_gist"
  ON "booking"."therapist_directory"
  USING gist (ll_to_earth("latitude", "longitude"))
  WHERE "latitude" IS NOT NULL AND "longitude" IS NOT NULL;

-- No double booking, ever: a therapist's active bookings may not overlap, travel buffer included
-- ([busy_from, busy_until) = start - buffer .. end + buffer). A racing accept that would overlap
-- fails with SQLSTATE 23P01, which the service reports as DOUBLE_BOOKED.
ALTER TABLE "booking"."bookings"
  ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist (
    "therapist_id" WITH =,
    tstzrange("busy_from", "busy_until", '[)') WITH &&
  )
  WHERE ("therapist_id" IS NOT NULL AND "state" IN ('CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION'));

ALTER TABLE "booking"."bookings"
  ADD CONSTRAINT "bookings_busy_range_valid" CHECK ("busy_from" < "busy_until");
