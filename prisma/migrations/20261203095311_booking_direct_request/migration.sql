-- AlterEnum
ALTER TYPE "booking"."BookingState" ADD VALUE 'AWAITING_CLIENT_CHOICE';

-- AlterTable
ALTER TABLE "booking"."bookings" ADD COLUMN     "direct_request" BOOLEAN NOT NULL DEFAULT false;
