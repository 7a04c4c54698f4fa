-- A replication names the model it replicates.
ALTER TABLE "Submission" ADD COLUMN "replicates" TEXT;
