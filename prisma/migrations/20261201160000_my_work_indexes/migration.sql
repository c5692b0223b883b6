-- CreateIndex
CREATE INDEX "ChangeRequest_state_submittedAt_createdAt_idx" ON "ChangeRequest"("state", "submittedAt", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_onCallUserId_state_idx" ON "ChangeRequest"("onCallUserId", "state");

-- CreateIndex
CREATE INDEX "ChangeRequest_emergency_state_idx" ON "ChangeRequest"("emergency", "state");

