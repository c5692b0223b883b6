-- CreateTable
CREATE TABLE "SlackRequest" (
    "signature" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackRequest_pkey" PRIMARY KEY ("signature")
);

-- CreateIndex
CREATE INDEX "SlackRequest_receivedAt_idx" ON "SlackRequest"("receivedAt");

