import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { LedgerRow, MigrationConnection } from "./connection.ts";

// Prisma's schema engine DDL for SQLite, with IF NOT EXISTS added.
const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const SAVEPOINT = "dvk_migration";

/**
 * Opens (creating its folder and file if needed) the SQLite database to migrate. A new folder and
 * file are their owner's only: SQLite gives the WAL and shared-memory files the database's mode.
 */
export function openSqliteMigration(file: string, busyTimeoutMs: number): MigrationConnection {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
  const db = new Database(file, { timeout: busyTimeoutMs });
  const run = (sql: string, ...params: unknown[]) => {
    db.prepare(sql).run(...params);
    return Promise.resolve();
  };
  return {
    ensureLedger: () => run(LEDGER_DDL),
    ledger: () => {
      const rows = db
        .prepare(
          `SELECT "id", "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`,
        )
        .all() as {
        id: string;
        migration_name: string;
        checksum: string;
        finished_at: unknown;
        rolled_back_at: unknown;
      }[];
      return Promise.resolve(
        rows.map(
          (row): LedgerRow => ({
            id: row.id,
            migrationName: row.migration_name,
            checksum: row.checksum,
            finished: row.finished_at !== null,
            rolledBack: row.rolled_back_at !== null,
          }),
        ),
      );
    },
    // IMMEDIATE takes the write lock now (waiting up to the busy timeout), so two migrators
    // never both decide that the same migration is pending.
    beginExclusive: () => run("BEGIN IMMEDIATE"),
    commit: () => run("COMMIT"),
    rollback: () => (db.inTransaction ? run("ROLLBACK") : Promise.resolve()),
    savepoint: () => run(`SAVEPOINT ${SAVEPOINT}`),
    rollbackToSavepoint: () => run(`ROLLBACK TO ${SAVEPOINT}`),
    // Prisma's engine writes these times as Unix milliseconds on SQLite; so do we.
    recordStarted: ({ id, migrationName, checksum, at }) =>
      run(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, 0)`,
        id,
        checksum,
        migrationName,
        at.getTime(),
      ),
    recordFinished: (id, at) =>
      run(
        `UPDATE "_prisma_migrations" SET "finished_at" = ?, "applied_steps_count" = 1 WHERE "id" = ?`,
        at.getTime(),
        id,
      ),
    recordFailed: (id, logs) => run(`UPDATE "_prisma_migrations" SET "logs" = ? WHERE "id" = ?`, logs, id),
    runScript: (sql) => {
      db.exec(sql);
      return Promise.resolve();
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
