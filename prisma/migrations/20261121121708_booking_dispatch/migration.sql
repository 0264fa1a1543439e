-- CreateEnum
CREATE TYPE "booking"."BookingState" AS ENUM ('DRAFT', 'SCREENED', 'BLOCKED', 'SEARCHING', 'CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'EXPIRED');

-- CreateEnum
CREATE TYPE "booking"."OfferStatus" AS ENUM ('OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "booking"."price_books" (
    "version" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "active_from" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_books_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "booking"."cancellation_policies" (
    "version" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "active_from" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cancellation_policies_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "booking"."therapist_directory" (
    "therapist_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "display_name" TEXT NOT NULL DEFAULT '',
    "gender" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'America/New_York',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "radius_km" DOUBLE PRECISION,
    "license_jurisdictions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "snapshot" JSONB,
    "snapshot_at" TIMESTAMPTZ(3),
    "payouts_enabled" BOOLEAN NOT NULL DEFAULT false,
    "payouts_updated_at" TIMESTAMPTZ(3),
    "offers_received" INTEGER NOT NULL DEFAULT 0,
    "offers_accepted" INTEGER NOT NULL DEFAULT 0,
    "jobs_cancelled" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" INTEGER NOT NULL DEFAULT 0,
    "rating_count" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "therapist_directory_pkey" PRIMARY KEY ("therapist_id")
);

-- CreateTable
CREATE TABLE "booking"."bookings" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "requested_therapist_id" UUID,
    "therapist_id" UUID,
    "state" "booking"."BookingState" NOT NULL DEFAULT 'DRAFT',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "travel_buffer_minutes" INTEGER NOT NULL,
    "busy_from" TIMESTAMPTZ(3) NOT NULL,
    "busy_until" TIMESTAMPTZ(3) NOT NULL,
    "address_id" UUID NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "modalities" TEXT[],
    "focus_areas" TEXT[],
    "gender_preference" TEXT,
    "notes" TEXT,
    "requested_intra_oral" BOOLEAN NOT NULL DEFAULT false,
    "price_book_version" TEXT NOT NULL,
    "quote" JSONB NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "platform_fee" INTEGER NOT NULL,
    "screening_decision_id" UUID,
    "screening_outcome" TEXT,
    "modifications_required" BOOLEAN NOT NULL DEFAULT false,
    "modifications_acknowledged_at" TIMESTAMPTZ(3),
    "dispatch_round" INTEGER NOT NULL DEFAULT 0,
    "search_started_at" TIMESTAMPTZ(3),
    "batches_sent" INTEGER NOT NULL DEFAULT 0,
    "excluded_therapist_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "confirmed_at" TIMESTAMPTZ(3),
    "en_route_at" TIMESTAMPTZ(3),
    "arrived_at" TIMESTAMPTZ(3),
    "session_started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "checked_out_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "cancellation" JSONB,
    "self_care_cap" INTEGER,
    "agreed_cap" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bookings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."offers" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "batch_number" INTEGER NOT NULL,
    "status" "booking"."OfferStatus" NOT NULL DEFAULT 'OPEN',
    "distance_meters" INTEGER NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    "modifications_acknowledged" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."client_therapist_preferences" (
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_therapist_preferences_pkey" PRIMARY KEY ("client_id","therapist_id")
);

-- CreateTable
CREATE TABLE "booking"."therapist_client_blocks" (
    "therapist_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "therapist_client_blocks_pkey" PRIMARY KEY ("therapist_id","client_id")
);

-- CreateTable
CREATE TABLE "booking"."ratings" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "rater_id" UUID NOT NULL,
    "rater_role" TEXT NOT NULL,
    "ratee_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ratings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."safety_alerts" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" UUID,

    CONSTRAINT "safety_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "therapist_directory_status_payouts_enabled_idx" ON "booking"."therapist_directory"("status", "payouts_enabled");

-- CreateIndex
CREATE INDEX "bookings_client_id_created_at_idx" ON "booking"."bookings"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "bookings_therapist_id_starts_at_idx" ON "booking"."bookings"("therapist_id", "starts_at");

-- CreateIndex
CREATE INDEX "bookings_state_idx" ON "booking"."bookings"("state");

-- CreateIndex
CREATE INDEX "offers_therapist_id_status_expires_at_idx" ON "booking"."offers"("therapist_id", "status", "expires_at");

-- CreateIndex
CREATE INDEX "offers_booking_id_status_idx" ON "booking"."offers"("booking_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "offers_booking_id_round_therapist_id_key" ON "booking"."offers"("booking_id", "round", "therapist_id");

-- CreateIndex
CREATE INDEX "therapist_client_blocks_client_id_idx" ON "booking"."therapist_client_blocks"("client_id");

-- CreateIndex
CREATE INDEX "ratings_ratee_id_idx" ON "booking"."ratings"("ratee_id");

-- CreateIndex
CREATE INDEX "ratings_rater_id_idx" ON "booking"."ratings"("rater_id");

-- CreateIndex
CREATE UNIQUE INDEX "ratings_booking_id_rater_role_key" ON "booking"."ratings"("booking_id", "rater_role");

-- CreateIndex
CREATE INDEX "safety_alerts_resolved_at_raised_at_idx" ON "booking"."safety_alerts"("resolved_at", "raised_at");

-- CreateIndex
CREATE UNIQUE INDEX "safety_alerts_booking_id_kind_key" ON "booking"."safety_alerts"("booking_id", "kind");
