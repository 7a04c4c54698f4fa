-- The delivery policy: an e-mail address per person, when a notification reached nobody, and every attempt.
ALTER TABLE "Person" ADD COLUMN "email" TEXT;
ALTER TABLE "Person" ADD COLUMN "emailRefusedAt" DATETIME;
ALTER TABLE "Notification" ADD COLUMN "unreachedAt" DATETIME;

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "notificationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "way" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "costVnd" INTEGER NOT NULL DEFAULT 0,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Notification_status_unreachedAt_idx" ON "Notification"("status", "unreachedAt");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_notificationId_idx" ON "DeliveryAttempt"("notificationId");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_at_idx" ON "DeliveryAttempt"("at");
