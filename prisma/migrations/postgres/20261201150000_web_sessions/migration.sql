-- The officers' workspace: one-time sign-in links and browser sessions.
-- CreateTable
CREATE TABLE "WebSignIn" (
    "tokenHash" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebSignIn_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "WebSession" (
    "idHash" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "csrf" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "WebSignIn_personId_idx" ON "WebSignIn"("personId");

-- CreateIndex
CREATE INDEX "WebSession_personId_idx" ON "WebSession"("personId");

-- The model's name beside the description, for the workspace's search (storage keeps it).
ALTER TABLE "Submission" ADD COLUMN "modelName" TEXT;
UPDATE "Submission" SET "modelName" = ("description"::json->>'model_name');
