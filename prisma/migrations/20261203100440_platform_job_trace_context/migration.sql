-- AlterTable
ALTER TABLE "platform"."outbox_jobs" ADD COLUMN     "trace_context" JSONB;
