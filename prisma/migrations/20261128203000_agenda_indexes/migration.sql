-- CreateIndex
CREATE INDEX "ChangeRequest_retroStatus_idx" ON "ChangeRequest"("retroStatus");

-- CreateIndex
CREATE INDEX "Approval_meetingId_idx" ON "Approval"("meetingId");

