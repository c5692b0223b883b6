-- Trigram search on CR summaries.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ENGINEER', 'CAB_MEMBER', 'CTO', 'ENG_MANAGER', 'SRE', 'PRODUCT', 'SECURITY', 'ADMIN');

-- CreateEnum
CREATE TYPE "ChangeType" AS ENUM ('FEATURE', 'PERFORMANCE', 'BUG_FIX', 'SECURITY_FIX', 'INFRASTRUCTURE');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "CrState" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'SCHEDULED', 'DEPLOYING', 'DEPLOYED', 'ROLLED_BACK', 'FAILED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVE', 'REJECT', 'REQUEST_CHANGES');

-- CreateEnum
CREATE TYPE "ApprovalKind" AS ENUM ('STANDARD', 'VERBAL_EMERGENCY', 'RETROSPECTIVE', 'AUTOMATED');

-- CreateEnum
CREATE TYPE "GateKind" AS ENUM ('UNIT', 'INTEGRATION', 'FULL_SUITE', 'SMOKE', 'COVERAGE', 'DEPENDENCY_AUDIT', 'SAST', 'SECURITY_SCAN', 'LOAD_TEST');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('SEV1', 'SEV2');

-- CreateEnum
CREATE TYPE "DeploymentKind" AS ENUM ('DEPLOY', 'ROLLBACK');

-- CreateEnum
CREATE TYPE "DeploymentState" AS ENUM ('PENDING', 'PRE_TRAFFIC', 'SHIFTING', 'POST_TRAFFIC', 'VALIDATING', 'ROLLING_BACK', 'SUCCEEDED', 'ROLLED_BACK', 'FAILED');

-- CreateEnum
CREATE TYPE "DeploymentOutcome" AS ENUM ('SUCCEEDED', 'FAILED', 'ROLLED_BACK');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "roles" "Role"[],
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "teamId" TEXT,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lastFailedSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "awsRegion" TEXT NOT NULL,
    "functionName" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "onCallUserId" TEXT,
    "gateRules" JSONB,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CrCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "state" "CrState" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "clientRequestId" TEXT,
    "summary" TEXT NOT NULL,
    "type" "ChangeType" NOT NULL,
    "risk" "RiskLevel" NOT NULL,
    "servicesAffected" TEXT NOT NULL,
    "usersAffected" TEXT NOT NULL,
    "downtimeRequired" BOOLEAN NOT NULL,
    "rollbackPlan" TEXT NOT NULL,
    "implementationSteps" TEXT[],
    "testedInDev" BOOLEAN NOT NULL DEFAULT false,
    "testedInStaging" BOOLEAN NOT NULL DEFAULT false,
    "loadTested2x" BOOLEAN NOT NULL DEFAULT false,
    "verifiedMetrics" BOOLEAN NOT NULL DEFAULT false,
    "rollbackProcedure" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowDurationMin" INTEGER NOT NULL,
    "windowTimeZone" TEXT NOT NULL,
    "onCallUserId" TEXT,
    "onCallConfirmedAt" TIMESTAMP(3),
    "serviceId" TEXT NOT NULL,
    "targetVersion" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "customPlan" JSONB,
    "requesterId" TEXT NOT NULL,
    "policyVersionId" TEXT,
    "riskAnswers" JSONB,
    "suggestedRisk" "RiskLevel",
    "riskJustification" TEXT,
    "approvalRound" INTEGER NOT NULL DEFAULT 0,
    "cabMeetingId" TEXT,
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "incidentId" TEXT,
    "retroStatus" TEXT,
    "createdByTokenId" TEXT,
    "commitSha" TEXT,
    "commitTime" TIMESTAMP(3),
    "hotfixForDeploymentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "crId" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "crId" TEXT NOT NULL,
    "userId" TEXT,
    "kind" "ApprovalKind" NOT NULL DEFAULT 'STANDARD',
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT,
    "roles" "Role"[],
    "round" INTEGER NOT NULL,
    "meetingId" TEXT,
    "tokenId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateResult" (
    "id" TEXT NOT NULL,
    "crId" TEXT NOT NULL,
    "gate" "GateKind" NOT NULL,
    "version" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "value" DOUBLE PRECISION,
    "details" JSONB,
    "evidenceUrl" TEXT,
    "tokenId" TEXT,
    "reportedById" TEXT,
    "commitSha" TEXT,
    "commitTime" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GateResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiTokenService" (
    "tokenId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,

    CONSTRAINT "ApiTokenService_pkey" PRIMARY KEY ("tokenId","serviceId")
);

-- CreateTable
CREATE TABLE "CabMeeting" (
    "id" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "agendaFrozenAt" TIMESTAMP(3),
    "currentItem" TEXT,
    "minutes" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CabMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CabAttendance" (
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CabAttendance_pkey" PRIMARY KEY ("meetingId","userId")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "declaredById" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEntry" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "text" TEXT NOT NULL,

    CONSTRAINT "IncidentEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindow" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreezeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "kind" "DeploymentKind" NOT NULL DEFAULT 'DEPLOY',
    "crId" TEXT,
    "serviceId" TEXT NOT NULL,
    "awsRegion" TEXT NOT NULL,
    "functionName" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "fromVersion" TEXT NOT NULL,
    "toVersion" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "state" "DeploymentState" NOT NULL DEFAULT 'PENDING',
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "promoteNow" BOOLEAN NOT NULL DEFAULT false,
    "abortRequested" BOOLEAN NOT NULL DEFAULT false,
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "currentWeight" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "stepStartedAt" TIMESTAMP(3),
    "nextStepAt" TIMESTAMP(3),
    "aliasRevisionId" TEXT,
    "activeLock" TEXT,
    "outcome" "DeploymentOutcome",
    "rollbackKind" TEXT,
    "reason" TEXT,
    "issueDetectedAt" TIMESTAMP(3),
    "requesterId" TEXT,
    "startedById" TEXT,
    "commitSha" TEXT,
    "commitTime" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeploymentEvent" (
    "id" BIGSERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "DeploymentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateReading" (
    "id" BIGSERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "scope" TEXT NOT NULL,
    "invocations" DOUBLE PRECISION NOT NULL,
    "errors" DOUBLE PRECISION NOT NULL,
    "throttles" DOUBLE PRECISION NOT NULL,
    "p99Ms" DOUBLE PRECISION,
    "errorRate" DOUBLE PRECISION,
    "breached" TEXT,

    CONSTRAINT "GateReading_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Service_name_key" ON "Service"("name");

-- CreateIndex
CREATE INDEX "Service_teamId_idx" ON "Service"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Service_awsRegion_functionName_alias_key" ON "Service"("awsRegion", "functionName", "alias");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_number_key" ON "ChangeRequest"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_clientRequestId_key" ON "ChangeRequest"("clientRequestId");

-- CreateIndex
CREATE INDEX "ChangeRequest_state_createdAt_idx" ON "ChangeRequest"("state", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_serviceId_createdAt_idx" ON "ChangeRequest"("serviceId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_requesterId_createdAt_idx" ON "ChangeRequest"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_risk_createdAt_idx" ON "ChangeRequest"("risk", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_type_createdAt_idx" ON "ChangeRequest"("type", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_createdAt_idx" ON "ChangeRequest"("createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_cabMeetingId_idx" ON "ChangeRequest"("cabMeetingId");

-- CreateIndex
CREATE INDEX "ChangeRequest_summary_trgm_idx" ON "ChangeRequest" USING GIN ("summary" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_year_seq_key" ON "ChangeRequest"("year", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_crId_at_idx" ON "AuditEvent"("crId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "Approval_crId_round_idx" ON "Approval"("crId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_crId_userId_round_kind_key" ON "Approval"("crId", "userId", "round", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_version_key" ON "PolicyVersion"("version");

-- CreateIndex
CREATE INDEX "GateResult_crId_gate_createdAt_idx" ON "GateResult"("crId", "gate", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "CabMeeting_startsAt_key" ON "CabMeeting"("startsAt");

-- CreateIndex
CREATE INDEX "IncidentEntry_incidentId_at_idx" ON "IncidentEntry"("incidentId", "at");

-- CreateIndex
CREATE INDEX "FreezeWindow_startsAt_endsAt_idx" ON "FreezeWindow"("startsAt", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_activeLock_key" ON "Deployment"("activeLock");

-- CreateIndex
CREATE INDEX "Deployment_serviceId_startedAt_idx" ON "Deployment"("serviceId", "startedAt");

-- CreateIndex
CREATE INDEX "Deployment_startedAt_idx" ON "Deployment"("startedAt");

-- CreateIndex
CREATE INDEX "Deployment_outcome_startedAt_idx" ON "Deployment"("outcome", "startedAt");

-- CreateIndex
CREATE INDEX "Deployment_crId_idx" ON "Deployment"("crId");

-- CreateIndex
CREATE INDEX "DeploymentEvent_deploymentId_at_idx" ON "DeploymentEvent"("deploymentId", "at");

-- CreateIndex
CREATE INDEX "GateReading_deploymentId_at_idx" ON "GateReading"("deploymentId", "at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_onCallUserId_fkey" FOREIGN KEY ("onCallUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_onCallUserId_fkey" FOREIGN KEY ("onCallUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_cabMeetingId_fkey" FOREIGN KEY ("cabMeetingId") REFERENCES "CabMeeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_hotfixForDeploymentId_fkey" FOREIGN KEY ("hotfixForDeploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_crId_fkey" FOREIGN KEY ("crId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateResult" ADD CONSTRAINT "GateResult_crId_fkey" FOREIGN KEY ("crId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiTokenService" ADD CONSTRAINT "ApiTokenService_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiTokenService" ADD CONSTRAINT "ApiTokenService_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CabAttendance" ADD CONSTRAINT "CabAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CabMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEntry" ADD CONSTRAINT "IncidentEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_crId_fkey" FOREIGN KEY ("crId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentEvent" ADD CONSTRAINT "DeploymentEvent_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateReading" ADD CONSTRAINT "GateReading_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit trail is append-only, enforced by the database itself.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
