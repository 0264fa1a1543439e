-- CreateTable
CREATE TABLE "care"."pressure_reports" (
    "booking_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "over_cap" BOOLEAN NOT NULL,
    "reported_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pressure_reports_pkey" PRIMARY KEY ("booking_id")
);

-- CreateTable
CREATE TABLE "care"."therapist_outcomes" (
    "therapist_id" UUID NOT NULL,
    "clients" INTEGER NOT NULL,
    "evaluable_clients" INTEGER NOT NULL,
    "responders" INTEGER NOT NULL,
    "hit6_clients" INTEGER NOT NULL,
    "median_hit6_change" DOUBLE PRECISION,
    "sessions" INTEGER NOT NULL,
    "sessions_reported" INTEGER NOT NULL,
    "sessions_over_cap" INTEGER NOT NULL,
    "rebooked_clients" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "therapist_outcomes_pkey" PRIMARY KEY ("therapist_id")
);

-- CreateIndex
CREATE INDEX "pressure_reports_therapist_id_idx" ON "care"."pressure_reports"("therapist_id");
