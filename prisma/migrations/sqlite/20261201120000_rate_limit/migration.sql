-- The incoming rate limit: one token bucket per person, shared by every instance.
CREATE TABLE "RateBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "at" REAL NOT NULL,
    "warned" BOOLEAN NOT NULL DEFAULT false,
    "verdict" TEXT NOT NULL
);
