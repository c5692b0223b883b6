-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "affectedServiceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "implementationStepMinutes" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "monitoringPlan" TEXT NOT NULL DEFAULT '';

