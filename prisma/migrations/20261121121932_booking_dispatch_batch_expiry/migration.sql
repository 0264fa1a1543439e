-- AlterTable
ALTER TABLE "booking"."bookings" ADD COLUMN     "batch_expires_at" TIMESTAMPTZ(3);
