-- CreateTable
CREATE TABLE "booking"."booking_messages" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "sender_role" TEXT NOT NULL,
    "text_sealed" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "booking_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "booking_messages_booking_id_created_at_idx" ON "booking"."booking_messages"("booking_id", "created_at");
