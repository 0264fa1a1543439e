-- AlterTable
ALTER TABLE "identity"."profiles" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en-US';
