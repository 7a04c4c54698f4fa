-- The public gallery: one row per published model, without anything personal.
CREATE TABLE "GalleryEntry" (
    "rootId" TEXT NOT NULL PRIMARY KEY,
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
    "recognizedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "GalleryEntry_code_key" ON "GalleryEntry"("code");
CREATE INDEX "GalleryEntry_personId_idx" ON "GalleryEntry"("personId");
CREATE INDEX "GalleryEntry_submissionId_idx" ON "GalleryEntry"("submissionId");
CREATE INDEX "GalleryEntry_field_year_idx" ON "GalleryEntry"("field", "year");
CREATE INDEX "GalleryEntry_provinceCode_communeCode_idx" ON "GalleryEntry"("provinceCode", "communeCode");
CREATE INDEX "GalleryEntry_tier_year_idx" ON "GalleryEntry"("tier", "year");
CREATE INDEX "GalleryEntry_recognizedAt_idx" ON "GalleryEntry"("recognizedAt");

-- The words of each entry, for the gallery's search: an FTS5 index over the folded texts (its
-- rowid is the entry's), kept in step with the table by triggers.
CREATE VIRTUAL TABLE "GalleryEntrySearch" USING fts5(
    "name", "unit", "text", tokenize = 'unicode61', prefix = '2 3 4', content = '', contentless_delete = 1, detail = column
);
CREATE TRIGGER "GalleryEntrySearch_insert" AFTER INSERT ON "GalleryEntry" BEGIN
    INSERT INTO "GalleryEntrySearch" ("rowid", "name", "unit", "text")
    VALUES (new."rowid", new."foldedName", new."foldedUnit", new."foldedText");
END;
CREATE TRIGGER "GalleryEntrySearch_update" AFTER UPDATE ON "GalleryEntry" BEGIN
    DELETE FROM "GalleryEntrySearch" WHERE "rowid" = old."rowid";
    INSERT INTO "GalleryEntrySearch" ("rowid", "name", "unit", "text")
    VALUES (new."rowid", new."foldedName", new."foldedUnit", new."foldedText");
END;
CREATE TRIGGER "GalleryEntrySearch_delete" AFTER DELETE ON "GalleryEntry" BEGIN
    DELETE FROM "GalleryEntrySearch" WHERE "rowid" = old."rowid";
END;
