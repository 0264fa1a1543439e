-- CreateEnum
CREATE TYPE "booking"."BookingKind" AS ENUM ('SESSION', 'CONSULTATION');

-- AlterTable
ALTER TABLE "booking"."bookings" ADD COLUMN     "consultation_mode" TEXT,
ADD COLUMN     "kind" "booking"."BookingKind" NOT NULL DEFAULT 'SESSION';

-- CreateTable
CREATE TABLE "booking"."therapist_booking_settings" (
    "therapist_id" UUID NOT NULL,
    "offers_consultation" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "therapist_booking_settings_pkey" PRIMARY KEY ("therapist_id")
);
