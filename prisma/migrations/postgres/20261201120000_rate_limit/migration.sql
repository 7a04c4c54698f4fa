-- The incoming rate limit: one token bucket per person, shared by every instance.
CREATE TABLE "RateBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at" DOUBLE PRECISION NOT NULL,
    "warned" BOOLEAN NOT NULL DEFAULT false,
    "verdict" TEXT NOT NULL,

    CONSTRAINT "RateBucket_pkey" PRIMARY KEY ("key")
);
