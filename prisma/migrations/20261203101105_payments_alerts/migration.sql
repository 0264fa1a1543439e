-- AlterTable
ALTER TABLE "payments"."booking_payments" ADD COLUMN     "share_waived_reason" TEXT;

-- CreateTable
CREATE TABLE "payments"."payment_alerts" (
    "id" UUID NOT NULL,
    "booking_id" UUID,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "stripe_id" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payment_alerts_dedupe_key_key" ON "payments"."payment_alerts"("dedupe_key");

-- CreateIndex
CREATE INDEX "payment_alerts_created_at_idx" ON "payments"."payment_alerts"("created_at");
