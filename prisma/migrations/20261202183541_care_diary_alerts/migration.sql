-- AlterTable
ALTER TABLE "care"."alerts" ADD COLUMN     "diary_entry_id" UUID,
ALTER COLUMN "therapist_id" DROP NOT NULL,
ALTER COLUMN "plan_id" DROP NOT NULL,
ALTER COLUMN "log_id" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "alerts_diary_entry_id_key" ON "care"."alerts"("diary_entry_id");
