-- AlterTable
ALTER TABLE "platform"."outbox_events" ADD COLUMN     "trace_context" JSONB;
