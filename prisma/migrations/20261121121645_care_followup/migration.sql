-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "care";

-- CreateEnum
CREATE TYPE "care"."CareBookingStatus" AS ENUM ('CONFIRMED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "care"."HomeworkPlanStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ENDED');

-- CreateEnum
CREATE TYPE "care"."ReminderStatus" AS ENUM ('SCHEDULED', 'SENT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "care"."HomeworkLogStatus" AS ENUM ('DONE', 'SKIPPED');

-- CreateEnum
CREATE TYPE "care"."CareAlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED');

-- CreateEnum
CREATE TYPE "care"."QuestionnaireKind" AS ENUM ('HIT6', 'MIDAS');

-- CreateEnum
CREATE TYPE "care"."CadenceSuggestionStatus" AS ENUM ('OPEN', 'BOOKED', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "care"."bookings" (
    "booking_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "care"."CareBookingStatus" NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "duration_minutes" INTEGER,
    "self_care_cap" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bookings_pkey" PRIMARY KEY ("booking_id")
);

-- CreateTable
CREATE TABLE "care"."clients" (
    "user_id" UUID NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'America/New_York',
    "quiet_hours_start" TEXT DEFAULT '21:00',
    "quiet_hours_end" TEXT DEFAULT '08:00',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "care"."session_notes" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "sealed" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "locked_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."session_note_versions" (
    "id" UUID NOT NULL,
    "note_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "sealed" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amended_by" UUID NOT NULL,
    "amended_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_note_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."homework_plans" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "status" "care"."HomeworkPlanStatus" NOT NULL DEFAULT 'ACTIVE',
    "pain_cap" INTEGER NOT NULL,
    "client_cap" INTEGER,
    "items" JSONB NOT NULL,
    "catalogue_version" INTEGER NOT NULL,
    "status_reason" TEXT,
    "scheduled_through" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "homework_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."reminders" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "item_id" TEXT NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "job_id" TEXT NOT NULL,
    "local_date" TEXT NOT NULL,
    "local_time" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "adjustments" TEXT[],
    "status" "care"."ReminderStatus" NOT NULL DEFAULT 'SCHEDULED',
    "enqueued_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."homework_logs" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "item_id" TEXT NOT NULL,
    "reminder_id" UUID,
    "scheduled_for" TIMESTAMPTZ(3),
    "status" "care"."HomeworkLogStatus" NOT NULL,
    "sealed" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "logged_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "homework_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."alerts" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "log_id" UUID NOT NULL,
    "sealed" TEXT NOT NULL,
    "status" "care"."CareAlertStatus" NOT NULL DEFAULT 'OPEN',
    "acknowledged_by" UUID,
    "acknowledged_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."diary_entries" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "diary_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."questionnaire_responses" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "kind" "care"."QuestionnaireKind" NOT NULL,
    "score" INTEGER NOT NULL,
    "band" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "questionnaire_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care"."cadence_suggestions" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "source_booking_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "local_date" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "stage" TEXT NOT NULL,
    "interval_days" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "care"."CadenceSuggestionStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "booked_at" TIMESTAMPTZ(3),

    CONSTRAINT "cadence_suggestions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bookings_client_id_status_idx" ON "care"."bookings"("client_id", "status");

-- CreateIndex
CREATE INDEX "bookings_therapist_id_client_id_status_idx" ON "care"."bookings"("therapist_id", "client_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "session_notes_booking_id_key" ON "care"."session_notes"("booking_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_note_versions_note_id_version_key" ON "care"."session_note_versions"("note_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "homework_plans_booking_id_key" ON "care"."homework_plans"("booking_id");

-- CreateIndex
CREATE INDEX "homework_plans_client_id_status_idx" ON "care"."homework_plans"("client_id", "status");

-- CreateIndex
CREATE INDEX "homework_plans_status_scheduled_through_idx" ON "care"."homework_plans"("status", "scheduled_through");

-- CreateIndex
CREATE UNIQUE INDEX "reminders_job_id_key" ON "care"."reminders"("job_id");

-- CreateIndex
CREATE INDEX "reminders_status_fire_at_idx" ON "care"."reminders"("status", "fire_at");

-- CreateIndex
CREATE INDEX "reminders_status_enqueued_at_idx" ON "care"."reminders"("status", "enqueued_at");

-- CreateIndex
CREATE UNIQUE INDEX "reminders_plan_id_item_id_fire_at_key" ON "care"."reminders"("plan_id", "item_id", "fire_at");

-- CreateIndex
CREATE INDEX "homework_logs_plan_id_logged_at_idx" ON "care"."homework_logs"("plan_id", "logged_at");

-- CreateIndex
CREATE INDEX "homework_logs_client_id_logged_at_idx" ON "care"."homework_logs"("client_id", "logged_at");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_log_id_key" ON "care"."alerts"("log_id");

-- CreateIndex
CREATE INDEX "alerts_status_created_at_idx" ON "care"."alerts"("status", "created_at");

-- CreateIndex
CREATE INDEX "diary_entries_client_id_started_at_idx" ON "care"."diary_entries"("client_id", "started_at");

-- CreateIndex
CREATE INDEX "questionnaire_responses_client_id_kind_taken_at_idx" ON "care"."questionnaire_responses"("client_id", "kind", "taken_at");

-- CreateIndex
CREATE INDEX "cadence_suggestions_client_id_status_idx" ON "care"."cadence_suggestions"("client_id", "status");

-- AddForeignKey
ALTER TABLE "care"."session_note_versions" ADD CONSTRAINT "session_note_versions_note_id_fkey" FOREIGN KEY ("note_id") REFERENCES "care"."session_notes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care"."reminders" ADD CONSTRAINT "reminders_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "care"."homework_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care"."homework_logs" ADD CONSTRAINT "homework_logs_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "care"."homework_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;
