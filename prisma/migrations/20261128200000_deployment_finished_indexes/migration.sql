-- CreateIndex
CREATE INDEX "Deployment_finishedAt_kind_outcome_serviceId_commitTime_iss_idx" ON "Deployment"("finishedAt", "kind", "outcome", "serviceId", "commitTime", "issueDetectedAt", "id");

-- CreateIndex
CREATE INDEX "Deployment_serviceId_finishedAt_idx" ON "Deployment"("serviceId", "finishedAt");

