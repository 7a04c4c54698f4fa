import pg from "pg";
import { quoteIdentifier } from "../database-url.ts";
import type { LedgerRow, MigrationConnection } from "./connection.ts";

// Prisma's schema engine DDL for PostgreSQL, with IF NOT EXISTS added.
const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

// The advisory lock key Prisma's migrate engine takes, so our migrator and Prisma's exclude each other.
const PRISMA_ADVISORY_LOCK = 72707369;
const SAVEPOINT = "dvk_migration";

/**
 * Connects to the PostgreSQL database to migrate, as its only migrator until closed. With a
 * `schema`, creates it if missing (as Prisma does) and works inside it.
 */
export async function openPostgresMigration(
  connectionString: string,
  schema: string | undefined,
): Promise<MigrationConnection> {
  const client = new pg.Client({ connectionString });
  // A dropped connection is reported by the next query; without a listener it would crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    // Held for the whole run (until the connection closes): creating the schema and the ledger
    // races otherwise, even with IF NOT EXISTS.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    if (schema !== undefined) {
      const quoted = quoteIdentifier(schema);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(`SET search_path TO ${quoted}`);
    }
  } catch (error) {
    await client.end();
    throw error;
  }
  const run = async (sql: string, params?: unknown[]) => {
    await client.query(sql, params);
  };
  return {
    ensureLedger: () => run(LEDGER_DDL),
    ledger: async () => {
      const { rows } = await client.query<{
        id: string;
        migration_name: string;
        checksum: string;
        finished: boolean;
        rolled_back: boolean;
      }>(
        `SELECT id, migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations`,
      );
      return rows.map(
        (row): LedgerRow => ({
          id: row.id,
          migrationName: row.migration_name,
          checksum: row.checksum,
          finished: row.finished,
          rolledBack: row.rolled_back,
        }),
      );
    },
    // Other migrators already wait for the advisory lock this connection holds.
    beginExclusive: () => run("BEGIN"),
    commit: () => run("COMMIT"),
    // Harmless outside a transaction (PostgreSQL only warns).
    rollback: () => run("ROLLBACK"),
    savepoint: () => run(`SAVEPOINT ${SAVEPOINT}`),
    rollbackToSavepoint: () => run(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`),
    recordStarted: ({ id, migrationName, checksum, at }) =>
      run(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, $4, 0)`,
        [id, checksum, migrationName, at],
      ),
    recordFinished: (id, at) =>
      run(`UPDATE _prisma_migrations SET finished_at = $1, applied_steps_count = 1 WHERE id = $2`, [at, id]),
    recordFailed: (id, logs) => run(`UPDATE _prisma_migrations SET logs = $1 WHERE id = $2`, [logs, id]),
    // No parameters: pg sends it as one simple query, which may hold many statements.
    runScript: (sql) => run(sql),
    close: () => client.end(),
  };
}
