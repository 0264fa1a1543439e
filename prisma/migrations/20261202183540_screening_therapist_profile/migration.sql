-- AlterTable
ALTER TABLE "screening"."applications" ADD COLUMN     "bio" TEXT,
ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "migraine_sessions_approx" INTEGER,
ADD COLUMN     "modalities" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "practice_years" INTEGER;

-- AlterTable
ALTER TABLE "screening"."credentials" ADD COLUMN     "expires_on" DATE;
