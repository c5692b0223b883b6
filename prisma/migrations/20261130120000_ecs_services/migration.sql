-- CreateEnum
CREATE TYPE "ServiceKind" AS ENUM ('LAMBDA', 'ECS');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "ecsConfig" JSONB,
ADD COLUMN     "kind" "ServiceKind" NOT NULL DEFAULT 'LAMBDA',
ADD COLUMN     "targetGroup" TEXT;

