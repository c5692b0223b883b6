-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "baselineVersion" TEXT;

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "targetCodeSha256" TEXT;

-- AlterTable
ALTER TABLE "GateResult" ADD COLUMN     "codeSha256" TEXT;

-- AlterTable
ALTER TABLE "CabMeeting" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "startedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "revertsDeploymentId" TEXT;

-- CreateTable
CREATE TABLE "UserIdentity" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "UserIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserIdentity_userId_idx" ON "UserIdentity"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_issuer_subject_key" ON "UserIdentity"("issuer", "subject");

-- CreateIndex
CREATE INDEX "Deployment_revertsDeploymentId_idx" ON "Deployment"("revertsDeploymentId");

-- AddForeignKey
ALTER TABLE "UserIdentity" ADD CONSTRAINT "UserIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A vote tagged with a meeting that no longer exists was never an in-meeting vote.
UPDATE "Approval" SET "meetingId" = NULL WHERE "meetingId" IS NOT NULL AND "meetingId" NOT IN (SELECT id FROM "CabMeeting");

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CabMeeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_revertsDeploymentId_fkey" FOREIGN KEY ("revertsDeploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Meetings that already ran: their planned slot is the best record of when.
UPDATE "CabMeeting" SET "startedAt" = "startsAt" WHERE status <> 'SCHEDULED';
UPDATE "CabMeeting" SET "closedAt" = GREATEST("updatedAt", "startsAt") WHERE status = 'CLOSED';
