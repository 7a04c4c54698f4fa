// What migrate needs from a database: Prisma's `_prisma_migrations` ledger and a migrator lock.
// One implementation per provider, on the plain driver (Prisma's own migrate engine cannot run here).

export interface LedgerRow {
  id: string;
  migrationName: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

export interface MigrationConnection {
  /** Creates `_prisma_migrations` with Prisma's own DDL for the provider, unless it exists. */
  ensureLedger(): Promise<void>;
  ledger(): Promise<LedgerRow[]>;
  /** Starts a transaction that excludes every other migrator until commit or rollback. */
  beginExclusive(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  savepoint(): Promise<void>;
  rollbackToSavepoint(): Promise<void>;
  recordStarted(row: { id: string; migrationName: string; checksum: string; at: Date }): Promise<void>;
  recordFinished(id: string, at: Date): Promise<void>;
  recordFailed(id: string, logs: string): Promise<void>;
  runScript(sql: string): Promise<void>;
  close(): Promise<void>;
}
