-- The public gallery: one row per published model, without anything personal.
CREATE TABLE "GalleryEntry" (
    "rootId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitName" TEXT,
    "unitCategory" TEXT,
    "field" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "provinceCode" TEXT,
    "provinceName" TEXT,
    "communeCode" TEXT,
    "communeName" TEXT,
    "bodyName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '{}',
    "photos" TEXT NOT NULL DEFAULT '[]',
    "foldedName" TEXT NOT NULL,
    "foldedUnit" TEXT NOT NULL,
    "foldedText" TEXT NOT NULL,
    "recognizedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GalleryEntry_pkey" PRIMARY KEY ("rootId")
);
CREATE UNIQUE INDEX "GalleryEntry_code_key" ON "GalleryEntry"("code");
CREATE INDEX "GalleryEntry_personId_idx" ON "GalleryEntry"("personId");
CREATE INDEX "GalleryEntry_submissionId_idx" ON "GalleryEntry"("submissionId");
CREATE INDEX "GalleryEntry_field_year_idx" ON "GalleryEntry"("field", "year");
CREATE INDEX "GalleryEntry_provinceCode_communeCode_idx" ON "GalleryEntry"("provinceCode", "communeCode");
CREATE INDEX "GalleryEntry_tier_year_idx" ON "GalleryEntry"("tier", "year");
CREATE INDEX "GalleryEntry_recognizedAt_idx" ON "GalleryEntry"("recognizedAt");

-- The words of each entry, for the gallery's search: the folded texts as text-search vectors
-- (the 'simple' configuration: the words as they are), computed by the database, with GIN indexes.
ALTER TABLE "GalleryEntry" ADD COLUMN "nameVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "foldedName")) STORED;
ALTER TABLE "GalleryEntry" ADD COLUMN "textVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "foldedText")) STORED;
CREATE INDEX "GalleryEntry_nameVector_idx" ON "GalleryEntry" USING GIN ("nameVector");
CREATE INDEX "GalleryEntry_textVector_idx" ON "GalleryEntry" USING GIN ("textVector");
