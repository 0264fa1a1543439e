-- DropIndex
DROP INDEX "booking"."day_of_checks_booking_id_recorded_at_idx";

-- AlterTable
ALTER TABLE "booking"."day_of_checks" ADD COLUMN     "seq" SERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "day_of_checks_booking_id_seq_idx" ON "booking"."day_of_checks"("booking_id", "seq");
