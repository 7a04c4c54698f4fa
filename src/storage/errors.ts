// The errors storage lets escape, typed so that start-up and the CLI can print them plainly.

export class InvalidDatabaseUrlError extends Error {
  override readonly name = "InvalidDatabaseUrlError";
}

/** The database cannot be opened or reached; `database` never contains a password. */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
  constructor(
    readonly database: string,
    cause: unknown,
  ) {
    super(`Cannot reach the database ${database}: ${causeMessage(cause)}`, { cause });
  }
}

export type MigrationProblem =
  /** An earlier run started this migration and did not finish it. */
  | "failed"
  /** The file changed after it was applied. */
  | "modified"
  /** The migration's SQL failed just now (rolled back, recorded as failed). */
  | "error";

/** Migrating stopped at `migration`; nothing after it was applied. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    readonly problem: MigrationProblem,
    readonly migration: string,
    cause?: unknown,
  ) {
    super(migrationMessage(problem, migration, cause), { cause });
  }
}

function migrationMessage(problem: MigrationProblem, migration: string, cause: unknown): string {
  switch (problem) {
    case "failed":
      return (
        `Migration ${migration} failed in an earlier run and the database may be half-migrated. ` +
        `Fix the database by hand, then mark the migration rolled back (set rolled_back_at in ` +
        `_prisma_migrations, or run \`prisma migrate resolve --rolled-back ${migration}\`) and migrate again.`
      );
    case "modified":
      return (
        `Migration ${migration} was edited after it was applied (its checksum differs). ` +
        `Restore the original file and put the change in a new migration.`
      );
    case "error":
      return `Migration ${migration} failed and was rolled back: ${causeMessage(cause)}`;
  }
}

function causeMessage(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
