-- A flood is a counter in the person's rate bucket, not a stored update per message.
ALTER TABLE "RateBucket" ADD COLUMN "refused" INTEGER NOT NULL DEFAULT 0;
