-- CreateIndex
CREATE INDEX "ChangeRequest_hotfixForDeploymentId_idx" ON "ChangeRequest"("hotfixForDeploymentId");

