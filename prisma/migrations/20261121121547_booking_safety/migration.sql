-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "booking";

-- CreateEnum
CREATE TYPE "booking"."IntakeSource" AS ENUM ('CLIENT', 'DAY_OF');

-- CreateEnum
CREATE TYPE "booking"."IncidentStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateTable
CREATE TABLE "booking"."migraine_intakes" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "source" "booking"."IntakeSource" NOT NULL,
    "answers_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "migraine_intakes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."screening_decisions" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "intake_id" UUID NOT NULL,
    "rule_set_version" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL,
    "pressure_cap" INTEGER NOT NULL,
    "self_care_cap" INTEGER NOT NULL,
    "requires_intra_oral_endorsement" BOOLEAN NOT NULL,
    "gentle_only_available" BOOLEAN NOT NULL,
    "gentle_only_applied" BOOLEAN NOT NULL,
    "answers_sealed" TEXT NOT NULL,
    "result_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "screening_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."gentle_only_choices" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "rule_ids" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_by_booking_id" UUID,

    CONSTRAINT "gentle_only_choices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."day_of_checks" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "rule_set_version" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "passing" BOOLEAN NOT NULL,
    "urgent" BOOLEAN NOT NULL,
    "gentle_only_applied" BOOLEAN NOT NULL,
    "effective_cap" INTEGER NOT NULL,
    "agreed_cap" INTEGER NOT NULL,
    "self_care_cap" INTEGER NOT NULL,
    "modification_count" INTEGER NOT NULL,
    "answers_sealed" TEXT NOT NULL,
    "result_sealed" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "visit_ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "day_of_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."session_pressure_reports" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "check_id" UUID NOT NULL,
    "agreed_cap" INTEGER NOT NULL,
    "max_pressure_felt" INTEGER NOT NULL,
    "over_pressure" BOOLEAN NOT NULL,
    "details_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_pressure_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking"."over_pressure_incidents" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "agreed_cap" INTEGER NOT NULL,
    "reported_max" INTEGER NOT NULL,
    "status" "booking"."IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" UUID,
    "resolution" TEXT,

    CONSTRAINT "over_pressure_incidents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "migraine_intakes_client_id_version_key" ON "booking"."migraine_intakes"("client_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "screening_decisions_booking_id_key" ON "booking"."screening_decisions"("booking_id");

-- CreateIndex
CREATE INDEX "screening_decisions_client_id_created_at_idx" ON "booking"."screening_decisions"("client_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "gentle_only_choices_decision_id_key" ON "booking"."gentle_only_choices"("decision_id");

-- CreateIndex
CREATE UNIQUE INDEX "gentle_only_choices_used_by_booking_id_key" ON "booking"."gentle_only_choices"("used_by_booking_id");

-- CreateIndex
CREATE INDEX "gentle_only_choices_client_id_created_at_idx" ON "booking"."gentle_only_choices"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "day_of_checks_booking_id_recorded_at_idx" ON "booking"."day_of_checks"("booking_id", "recorded_at");

-- CreateIndex
CREATE INDEX "day_of_checks_client_id_idx" ON "booking"."day_of_checks"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_pressure_reports_booking_id_key" ON "booking"."session_pressure_reports"("booking_id");

-- CreateIndex
CREATE INDEX "session_pressure_reports_client_id_created_at_idx" ON "booking"."session_pressure_reports"("client_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "over_pressure_incidents_booking_id_key" ON "booking"."over_pressure_incidents"("booking_id");

-- CreateIndex
CREATE UNIQUE INDEX "over_pressure_incidents_report_id_key" ON "booking"."over_pressure_incidents"("report_id");

-- CreateIndex
CREATE INDEX "over_pressure_incidents_status_created_at_idx" ON "booking"."over_pressure_incidents"("status", "created_at");

-- CreateIndex
CREATE INDEX "over_pressure_incidents_therapist_id_idx" ON "booking"."over_pressure_incidents"("therapist_id");
