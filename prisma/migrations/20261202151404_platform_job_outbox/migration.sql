-- CreateTable
CREATE TABLE "platform"."outbox_jobs" (
    "id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "delay_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 10,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_jobs_unpublished_idx" ON "platform"."outbox_jobs"("created_at");

-- CreateIndex
CREATE INDEX "outbox_jobs_due_idx" ON "platform"."outbox_jobs"("delay_until");
