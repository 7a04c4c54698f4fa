// Applies the committed SQL migrations and records them in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so that Prisma's own tools agree with it where they can run.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDatabaseUrl } from "./database-url.ts";
import { MigrationError, StorageUnavailableError } from "./errors.ts";
import type { MigrationConnection } from "./migrations/connection.ts";
import { type MigrationFile, matchesChecksum, readMigrations } from "./migrations/files.ts";
import { openPostgresMigration } from "./migrations/postgres-connection.ts";
import { openSqliteMigration } from "./migrations/sqlite-connection.ts";

export interface MigrateOptions {
  /** Holds one folder per provider (`sqlite/`, `postgres/`); defaults to the project's `prisma/migrations`. */
  migrationsDir?: string;
  /** How long to wait for another SQLite writer; default 5 s. */
  busyTimeoutMs?: number;
}

const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/**
 * Applies the pending migrations for the database's provider, oldest first, each in its own
 * transaction. Refuses (MigrationError) to go past a migration that failed earlier or whose file
 * changed after it was applied. Returns the names of the migrations it applied.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const target = parseDatabaseUrl(databaseUrl);
  const files = readMigrations(join(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR, target.provider));
  let connection: MigrationConnection;
  try {
    connection =
      target.provider === "sqlite"
        ? openSqliteMigration(target.file, options.busyTimeoutMs ?? 5000)
        : await openPostgresMigration(target.connectionString, target.schema);
  } catch (error) {
    throw new StorageUnavailableError(target.label, error);
  }
  try {
    await connection.ensureLedger();
    await refuseBrokenHistory(connection, files);
    const applied: string[] = [];
    for (const file of files) {
      if (await applyIfPending(connection, file)) applied.push(file.name);
    }
    return applied;
  } finally {
    await connection.close();
  }
}

// Checked before applying anything, so a broken history stops the run before it changes the database.
async function refuseBrokenHistory(connection: MigrationConnection, files: MigrationFile[]): Promise<void> {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of await connection.ledger()) {
    if (row.rolledBack) continue;
    if (!row.finished) throw new MigrationError("failed", row.migrationName);
    const file = byName.get(row.migrationName);
    if (file && !matchesChecksum(file, row.checksum)) throw new MigrationError("modified", row.migrationName);
  }
}

/** False when the migration was already applied (possibly by another migrator a moment ago). */
async function applyIfPending(connection: MigrationConnection, file: MigrationFile): Promise<boolean> {
  await connection.beginExclusive();
  try {
    // Read again under the lock: another process may have migrated since the first check.
    const rows = (await connection.ledger()).filter(
      (row) => row.migrationName === file.name && !row.rolledBack,
    );
    const current = rows[0];
    if (current) {
      await connection.commit();
      if (!current.finished) throw new MigrationError("failed", file.name);
      if (!matchesChecksum(file, current.checksum)) throw new MigrationError("modified", file.name);
      return false;
    }
    const id = randomUUID();
    await connection.recordStarted({
      id,
      migrationName: file.name,
      checksum: file.checksum,
      at: new Date(),
    });
    await connection.savepoint();
    try {
      await connection.runScript(file.sql);
    } catch (error) {
      // Keep the ledger row (unfinished, with the error in `logs`) as Prisma does: the next run
      // refuses until someone looks at it.
      await connection.rollbackToSavepoint();
      await connection.recordFailed(id, error instanceof Error ? error.message : String(error));
      await connection.commit();
      throw new MigrationError("error", file.name, error);
    }
    await connection.recordFinished(id, new Date());
    await connection.commit();
    return true;
  } catch (error) {
    await connection.rollback().catch(() => {});
    throw error;
  }
}
