-- CreateTable
CREATE TABLE "booking"."safety_case_entries" (
    "id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "assignee_id" UUID,
    "body" TEXT,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "safety_case_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "safety_case_entries_subject_type_subject_id_created_at_idx" ON "booking"."safety_case_entries"("subject_type", "subject_id", "created_at");
