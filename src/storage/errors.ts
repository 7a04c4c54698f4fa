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

/** Prisma's codes for a database that is away, busy or timed out, and for a conflict worth retrying. */
const TRANSIENT_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);
/** PostgreSQL: connection exceptions (08…), shutdown and start-up (57P01–57P03), too many connections, serialisation and deadlock. */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300|40001|40P01)$/;
const TRANSIENT_MESSAGE =
  /SQLITE_BUSY|SQLITE_LOCKED|database is locked|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|Connection terminated|connection.*(closed|terminated)|Can't reach database|timed out/i;

/** Whether an error means the database is away or busy for now: trying again later may succeed. */
export function isTransientStorageError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const look = (e: unknown): boolean => {
    if (!e || typeof e !== "object" || seen.has(e)) return false;
    seen.add(e);
    if (e instanceof StorageUnavailableError) return true;
    const x = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof x.code === "string" && (TRANSIENT_PRISMA_CODES.has(x.code) || TRANSIENT_SQLSTATE.test(x.code)))
      return true;
    if (typeof x.message === "string" && TRANSIENT_MESSAGE.test(x.message)) return true;
    const cause = x.cause as { kind?: unknown; originalCode?: unknown } | undefined;
    if (cause && typeof cause === "object") {
      if (typeof cause.originalCode === "string" && /^SQLITE_(BUSY|LOCKED)/.test(cause.originalCode))
        return true;
      if (
        typeof cause.kind === "string" &&
        [
          "SocketTimeout",
          "DatabaseNotReachable",
          "ConnectionClosed",
          "TooManyConnections",
          "TransactionWriteConflict",
        ].includes(cause.kind)
      )
        return true;
    }
    return look(x.cause) || look(x.meta?.driverAdapterError);
  };
  return look(error);
}

/** SQLite's lock was held by someone else (another process, a backup): waiting may help. */
export function isBusy(error: unknown): boolean {
  const text = (e: unknown): string => {
    if (!e || typeof e !== "object") return "";
    const x = e as {
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: { cause?: unknown } };
    };
    const cause = x.meta?.driverAdapterError?.cause as { originalCode?: unknown } | undefined;
    return `${String(x.message ?? "")} ${String(cause?.originalCode ?? "")}`;
  };
  return /SQLITE_BUSY|SQLITE_LOCKED|database is locked/.test(text(error));
}
