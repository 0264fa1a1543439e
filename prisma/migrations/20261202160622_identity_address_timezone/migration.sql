-- AlterTable
ALTER TABLE "identity"."addresses" ADD COLUMN     "timezone" TEXT;
