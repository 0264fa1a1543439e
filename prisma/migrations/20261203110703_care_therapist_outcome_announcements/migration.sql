-- CreateTable
CREATE TABLE "care"."therapist_outcome_announcements" (
    "therapist_id" UUID NOT NULL,
    "responder_rate" DOUBLE PRECISION NOT NULL,
    "announced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "therapist_outcome_announcements_pkey" PRIMARY KEY ("therapist_id")
);
