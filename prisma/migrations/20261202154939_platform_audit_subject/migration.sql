-- AlterTable
ALTER TABLE "platform"."audit_entries" ADD COLUMN     "subject_id" UUID;

-- CreateIndex
CREATE INDEX "audit_entries_subject_id_at_idx" ON "platform"."audit_entries"("subject_id", "at");
