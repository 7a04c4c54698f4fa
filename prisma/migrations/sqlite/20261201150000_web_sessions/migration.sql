-- The officers' workspace: one-time sign-in links and browser sessions.
-- CreateTable
CREATE TABLE "WebSignIn" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebSession" (
    "idHash" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "csrf" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WebSignIn_personId_idx" ON "WebSignIn"("personId");

-- CreateIndex
CREATE INDEX "WebSession_personId_idx" ON "WebSession"("personId");

-- The model's name beside the description, for the workspace's search (storage keeps it).
ALTER TABLE "Submission" ADD COLUMN "modelName" TEXT;
UPDATE "Submission" SET "modelName" = json_extract("description", '$.model_name');
