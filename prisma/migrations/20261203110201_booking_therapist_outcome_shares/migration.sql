-- CreateTable
CREATE TABLE "booking"."therapist_outcome_shares" (
    "therapist_id" UUID NOT NULL,
    "responder_rate" DOUBLE PRECISION,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "therapist_outcome_shares_pkey" PRIMARY KEY ("therapist_id")
);
