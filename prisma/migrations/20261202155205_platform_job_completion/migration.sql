-- AlterTable
ALTER TABLE "platform"."outbox_jobs" ADD COLUMN     "completed_at" TIMESTAMPTZ(3);
