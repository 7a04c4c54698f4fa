-- Publication scrubbing (issue 22): a published model's results, scrubbed like its other texts;
-- and the fragments the scrubber was unsure of, hidden until an officer releases them (their
-- text and context are sealed by the application).
ALTER TABLE "GalleryEntry" ADD COLUMN "results" TEXT;

CREATE TABLE "WithheldFragment" (
    "id" TEXT NOT NULL,
    "rootId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WithheldFragment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WithheldFragment_rootId_digest_key" ON "WithheldFragment"("rootId", "digest");
