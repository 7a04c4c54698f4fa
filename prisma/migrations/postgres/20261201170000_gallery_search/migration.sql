-- The gallery's search reads the newest models first (src/storage/repositories/gallery.ts): an
-- index in that order, the code breaking ties, walked until a page is full; and the same within a
-- year, since a year's models all lie at one end of the first.
CREATE INDEX "GalleryEntry_recognizedAt_code_idx" ON "GalleryEntry"("recognizedAt" DESC, "code");
CREATE INDEX "GalleryEntry_year_recognizedAt_code_idx" ON "GalleryEntry"("year", "recognizedAt" DESC, "code");
