-- Hand-written: Prisma's schema language cannot express a partial expression index.

-- Candidate search walks only bookable therapists (approved, payouts on, located), nearest first:
-- a KNN scan (ORDER BY ll_to_earth(...) <-> origin) on this index stops at the LIMIT instead of
-- sorting every therapist inside the search box.
CREATE INDEX "therapist_directory_bookable_gist"
  ON "booking"."therapist_directory"
  USING gist (ll_to_earth("latitude", "longitude"))
  WHERE "status" = 'APPROVED' AND "payouts_enabled"
    AND "latitude" IS NOT NULL AND "longitude" IS NOT NULL;
