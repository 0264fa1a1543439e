-- AlterTable
ALTER TABLE "booking"."bookings" ADD COLUMN     "authorization_requested_at" TIMESTAMPTZ(3),
ADD COLUMN     "payment_held_at" TIMESTAMPTZ(3);
