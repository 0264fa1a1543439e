-- AlterTable
ALTER TABLE "booking"."ratings" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "answered_at" TIMESTAMPTZ(3);
