-- AlterEnum
ALTER TYPE "DeploymentKind" ADD VALUE 'FLAG_ROLLOUT';

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "flagBaseVersion" INTEGER,
ADD COLUMN     "flagId" TEXT,
ADD COLUMN     "flagTarget" JSONB;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "flagFrom" JSONB,
ADD COLUMN     "flagId" TEXT,
ADD COLUMN     "flagTo" JSONB;

-- CreateTable
CREATE TABLE "FeatureFlag" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "name" TEXT NOT NULL,
    "parameterName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT NOT NULL,
    "risk" "RiskLevel" NOT NULL DEFAULT 'MEDIUM',
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "percentage" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "allowlist" TEXT[],
    "stickiness" TEXT NOT NULL DEFAULT 'userId',
    "parameterVersion" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "FeatureFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlagChange" (
    "id" BIGSERIAL NOT NULL,
    "flagId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "reason" TEXT,
    "crId" TEXT,
    "deploymentId" TEXT,
    "parameterVersion" INTEGER,

    CONSTRAINT "FlagChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeatureFlag_parameterName_key" ON "FeatureFlag"("parameterName");

-- CreateIndex
CREATE INDEX "FeatureFlag_serviceId_idx" ON "FeatureFlag"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "FeatureFlag_serviceId_environment_name_key" ON "FeatureFlag"("serviceId", "environment", "name");

-- CreateIndex
CREATE INDEX "FlagChange_flagId_at_idx" ON "FlagChange"("flagId", "at");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "FeatureFlag"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "FeatureFlag"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeatureFlag" ADD CONSTRAINT "FeatureFlag_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeatureFlag" ADD CONSTRAINT "FeatureFlag_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlagChange" ADD CONSTRAINT "FlagChange_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "FeatureFlag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

