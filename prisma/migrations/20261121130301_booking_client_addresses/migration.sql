-- CreateTable
CREATE TABLE "booking"."client_addresses" (
    "address_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_addresses_pkey" PRIMARY KEY ("address_id")
);

-- CreateIndex
CREATE INDEX "client_addresses_client_id_idx" ON "booking"."client_addresses"("client_id");
