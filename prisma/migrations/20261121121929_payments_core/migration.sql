-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "payments";

-- CreateEnum
CREATE TYPE "payments"."PaymentStatus" AS ENUM ('SCHEDULED', 'PENDING', 'HELD', 'HOLD_FAILED', 'CAPTURED', 'CAPTURE_FAILED', 'RELEASED', 'CANCELLED');

-- CreateTable
CREATE TABLE "payments"."customers" (
    "user_id" UUID NOT NULL,
    "stripe_customer_id" TEXT NOT NULL,
    "default_payment_method_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "payments"."payout_accounts" (
    "therapist_id" UUID NOT NULL,
    "stripe_account_id" TEXT NOT NULL,
    "details_submitted" BOOLEAN NOT NULL DEFAULT false,
    "charges_enabled" BOOLEAN NOT NULL DEFAULT false,
    "payouts_enabled" BOOLEAN NOT NULL DEFAULT false,
    "transfers_active" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payout_accounts_pkey" PRIMARY KEY ("therapist_id")
);

-- CreateTable
CREATE TABLE "payments"."booking_payments" (
    "booking_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID,
    "currency" TEXT NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "platform_fee" INTEGER NOT NULL,
    "preset_tip" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "authorize_at" TIMESTAMPTZ(3),
    "status" "payments"."PaymentStatus" NOT NULL,
    "settlement" TEXT,
    "fee_amount" INTEGER,
    "fee_therapist_share" INTEGER,
    "payment_intent_id" TEXT,
    "charge_id" TEXT,
    "held_amount" INTEGER NOT NULL DEFAULT 0,
    "captured_amount" INTEGER NOT NULL DEFAULT 0,
    "refunded_amount" INTEGER NOT NULL DEFAULT 0,
    "therapist_amount" INTEGER NOT NULL DEFAULT 0,
    "transferred_amount" INTEGER NOT NULL DEFAULT 0,
    "transfer_id" TEXT,
    "failure_reason" TEXT,
    "decline_code" TEXT,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "booking_payments_pkey" PRIMARY KEY ("booking_id")
);

-- CreateTable
CREATE TABLE "payments"."tips" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payment_intent_id" TEXT,
    "charge_id" TEXT,
    "transfer_id" TEXT,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tips_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."refunds" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reversal_amount" INTEGER NOT NULL DEFAULT 0,
    "payable_reduction" INTEGER NOT NULL DEFAULT 0,
    "parts" JSONB NOT NULL,
    "reversal_id" TEXT,
    "failure_reason" TEXT,
    "requested_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."stripe_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "account" TEXT,
    "object_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."ledger_transactions" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "booking_id" UUID,
    "therapist_id" UUID,
    "stripe_id" TEXT,
    "description" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."ledger_postings" (
    "id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "account" TEXT NOT NULL,
    "booking_id" UUID,
    "therapist_id" UUID,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,

    CONSTRAINT "ledger_postings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."reconciliation_runs" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "checked" INTEGER NOT NULL,
    "differences" JSONB NOT NULL,

    CONSTRAINT "reconciliation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customers_stripe_customer_id_key" ON "payments"."customers"("stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "payout_accounts_stripe_account_id_key" ON "payments"."payout_accounts"("stripe_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "booking_payments_payment_intent_id_key" ON "payments"."booking_payments"("payment_intent_id");

-- CreateIndex
CREATE INDEX "booking_payments_client_id_created_at_idx" ON "payments"."booking_payments"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "booking_payments_therapist_id_idx" ON "payments"."booking_payments"("therapist_id");

-- CreateIndex
CREATE INDEX "booking_payments_status_authorize_at_idx" ON "payments"."booking_payments"("status", "authorize_at");

-- CreateIndex
CREATE UNIQUE INDEX "tips_booking_id_key" ON "payments"."tips"("booking_id");

-- CreateIndex
CREATE INDEX "refunds_booking_id_idx" ON "payments"."refunds"("booking_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transactions_reference_key" ON "payments"."ledger_transactions"("reference");

-- CreateIndex
CREATE INDEX "ledger_transactions_booking_id_idx" ON "payments"."ledger_transactions"("booking_id");

-- CreateIndex
CREATE INDEX "ledger_transactions_therapist_id_idx" ON "payments"."ledger_transactions"("therapist_id");

-- CreateIndex
CREATE INDEX "ledger_postings_account_booking_id_idx" ON "payments"."ledger_postings"("account", "booking_id");

-- CreateIndex
CREATE INDEX "ledger_postings_account_therapist_id_idx" ON "payments"."ledger_postings"("account", "therapist_id");

-- CreateIndex
CREATE INDEX "ledger_postings_transaction_id_idx" ON "payments"."ledger_postings"("transaction_id");

-- CreateIndex
CREATE INDEX "reconciliation_runs_started_at_idx" ON "payments"."reconciliation_runs"("started_at");

-- AddForeignKey
ALTER TABLE "payments"."tips" ADD CONSTRAINT "tips_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "payments"."booking_payments"("booking_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments"."refunds" ADD CONSTRAINT "refunds_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "payments"."booking_payments"("booking_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments"."ledger_postings" ADD CONSTRAINT "ledger_postings_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "payments"."ledger_transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
