-- CreateIndex
CREATE INDEX "Deployment_startedById_idx" ON "Deployment"("startedById");

