-- The delivery policy: an e-mail address per person, when a notification reached nobody, and every attempt.
ALTER TABLE "Person" ADD COLUMN "email" TEXT;
ALTER TABLE "Person" ADD COLUMN "emailRefusedAt" TIMESTAMP(3);
ALTER TABLE "Notification" ADD COLUMN "unreachedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "way" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "costVnd" INTEGER NOT NULL DEFAULT 0,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_status_unreachedAt_idx" ON "Notification"("status", "unreachedAt");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_notificationId_idx" ON "DeliveryAttempt"("notificationId");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_at_idx" ON "DeliveryAttempt"("at");
