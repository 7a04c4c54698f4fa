-- Publication scrubbing (issue 22): a published model's results, scrubbed like its other texts;
-- the scrubber's version each entry went through (0: before it, when a model's name went out as
-- written — such entries are scrubbed again at start); and the fragments the scrubber was unsure
-- of, hidden until an officer releases them (their text and context are sealed by the application).
ALTER TABLE "GalleryEntry" ADD COLUMN "results" TEXT;
ALTER TABLE "GalleryEntry" ADD COLUMN "scrubber" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "WithheldFragment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rootId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);
CREATE INDEX "WithheldFragment_rootId_idx" ON "WithheldFragment"("rootId");
