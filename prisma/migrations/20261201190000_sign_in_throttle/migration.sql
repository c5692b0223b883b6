-- Failed password sign-ins for addresses with no password account, throttled like an account's.
CREATE TABLE "SignInThrottle" (
    "email" TEXT NOT NULL,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lastFailedSignInAt" TIMESTAMPTZ(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("email")
);

CREATE INDEX "SignInThrottle_lastFailedSignInAt_idx" ON "SignInThrottle"("lastFailedSignInAt");
