-- AlterTable
ALTER TABLE "identity"."users" ADD COLUMN     "locked_until" TIMESTAMPTZ(3),
ADD COLUMN     "sign_in_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sign_in_locks" INTEGER NOT NULL DEFAULT 0;
