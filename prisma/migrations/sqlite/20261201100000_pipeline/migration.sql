-- The pipeline's inbox replaces the processed-update keys: keys are scoped by bot and expire.
DROP TABLE "ProcessedUpdate";

-- CreateTable
CREATE TABLE "InboundUpdate" (
    "source" TEXT NOT NULL,
    "updateKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "seq" REAL NOT NULL,
    "payload" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL,
    "lastError" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "processedAt" DATETIME,

    PRIMARY KEY ("source", "updateKey")
);

-- CreateTable
CREATE TABLE "ChatLease" (
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "until" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "chatId")
);

-- CreateIndex
CREATE INDEX "InboundUpdate_channel_chatId_status_seq_idx" ON "InboundUpdate"("channel", "chatId", "status", "seq");

-- CreateIndex
CREATE INDEX "InboundUpdate_status_notBefore_idx" ON "InboundUpdate"("status", "notBefore");
