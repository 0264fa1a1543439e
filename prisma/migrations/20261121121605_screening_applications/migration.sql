-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "screening";

-- CreateEnum
CREATE TYPE "screening"."ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'NEEDS_INFO', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "screening"."VerificationStatus" AS ENUM ('PENDING', 'VERIFIED', 'REJECTED');

-- CreateEnum
CREATE TYPE "screening"."BackgroundCheckStatus" AS ENUM ('PENDING', 'CLEAR', 'CONSIDER', 'SUSPENDED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "screening"."DocumentKind" AS ENUM ('LICENSE', 'INSURANCE', 'CREDENTIAL', 'PHOTO');

-- CreateEnum
CREATE TYPE "screening"."DocumentUploadStatus" AS ENUM ('AWAITING_UPLOAD', 'UPLOADED');

-- CreateTable
CREATE TABLE "screening"."applications" (
    "id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "status" "screening"."ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "legal_name" TEXT,
    "phone" TEXT,
    "gender" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'America/New_York',
    "photo_document_id" UUID,
    "migraine_experience_years" INTEGER,
    "migraine_clients_approx" INTEGER,
    "service_latitude" DOUBLE PRECISION,
    "service_longitude" DOUBLE PRECISION,
    "service_radius_km" DOUBLE PRECISION,
    "weekly_availability" JSONB NOT NULL DEFAULT '[]',
    "availability_exceptions" JSONB NOT NULL DEFAULT '[]',
    "background_check_status" "screening"."BackgroundCheckStatus" NOT NULL DEFAULT 'PENDING',
    "background_check_provider" TEXT NOT NULL DEFAULT 'manual',
    "background_check_reference" TEXT,
    "background_check_updated_at" TIMESTAMPTZ(3),
    "claimed_by_id" UUID,
    "claimed_at" TIMESTAMPTZ(3),
    "suspension_cause" TEXT,
    "suspended_reason" TEXT,
    "last_decision_reason" TEXT,
    "submitted_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening"."licenses" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "issued_on" DATE NOT NULL,
    "expires_on" DATE NOT NULL,
    "document_id" UUID,
    "status" "screening"."VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "review_reason" TEXT,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "licenses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening"."insurance_policies" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "carrier" TEXT NOT NULL,
    "policy_number" TEXT NOT NULL,
    "issued_on" DATE,
    "expires_on" DATE NOT NULL,
    "document_id" UUID,
    "status" "screening"."VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "review_reason" TEXT,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "insurance_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening"."credentials" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "jurisdiction" TEXT,
    "issuer" TEXT,
    "issued_on" DATE,
    "document_id" UUID,
    "status" "screening"."VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "review_reason" TEXT,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening"."documents" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "kind" "screening"."DocumentKind" NOT NULL,
    "upload_status" "screening"."DocumentUploadStatus" NOT NULL DEFAULT 'AWAITING_UPLOAD',
    "declared_content_type" TEXT NOT NULL,
    "declared_size_bytes" INTEGER NOT NULL,
    "declared_sha256" TEXT NOT NULL,
    "content_type" TEXT,
    "size_bytes" INTEGER,
    "sha256" TEXT,
    "storage_key" TEXT,
    "upload_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening"."expiry_notices" (
    "dedupe_key" TEXT NOT NULL,
    "therapist_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "expiry_notices_pkey" PRIMARY KEY ("dedupe_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "applications_therapist_id_key" ON "screening"."applications"("therapist_id");

-- CreateIndex
CREATE INDEX "applications_status_submitted_at_idx" ON "screening"."applications"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "licenses_application_id_idx" ON "screening"."licenses"("application_id");

-- CreateIndex
CREATE INDEX "licenses_jurisdiction_expires_on_idx" ON "screening"."licenses"("jurisdiction", "expires_on");

-- CreateIndex
CREATE INDEX "insurance_policies_application_id_idx" ON "screening"."insurance_policies"("application_id");

-- CreateIndex
CREATE INDEX "insurance_policies_expires_on_idx" ON "screening"."insurance_policies"("expires_on");

-- CreateIndex
CREATE INDEX "credentials_application_id_idx" ON "screening"."credentials"("application_id");

-- CreateIndex
CREATE INDEX "documents_application_id_idx" ON "screening"."documents"("application_id");

-- AddForeignKey
ALTER TABLE "screening"."licenses" ADD CONSTRAINT "licenses_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "screening"."applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening"."insurance_policies" ADD CONSTRAINT "insurance_policies_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "screening"."applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening"."credentials" ADD CONSTRAINT "credentials_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "screening"."applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening"."documents" ADD CONSTRAINT "documents_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "screening"."applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
