-- Personal data (Law 91/2025): consents, the privacy trail, and which one-time passes have run.
ALTER TABLE "Person" ADD COLUMN "consents" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Person" ADD COLUMN "erasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "noticeVersion" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "personId" TEXT,
    "action" TEXT NOT NULL,
    "bodyCode" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "PrivacyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoreMeta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "StoreMeta_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Consent_personId_purpose_idx" ON "Consent"("personId", "purpose");

-- CreateIndex
CREATE INDEX "PrivacyEvent_personId_idx" ON "PrivacyEvent"("personId");

-- CreateIndex
CREATE INDEX "PrivacyEvent_action_at_idx" ON "PrivacyEvent"("action", "at");
