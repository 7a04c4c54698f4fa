// What a repository works on: the database at the top level, or one open transaction of it.
import { PrismaClientKnownRequestError } from "@prisma/client/runtime/client";
import type { Cipher } from "./cipher.ts";
import type { Provider } from "./database-url.ts";
import type { Driver } from "./driver.ts";
import type { Prisma, PrismaClient } from "./generated/sqlite/client.ts";

/**
 * The model API of a generated client or of a transaction. Both generated clients (SQLite,
 * PostgreSQL) come from one schema and differ only in provider-only filter options, which no
 * repository uses; repositories are typed against the SQLite one.
 */
export type Db = Prisma.TransactionClient;
export type RootClient = PrismaClient;

export interface Scope {
  readonly db: Db;
  /** For the few statements whose SQL differs between the databases. */
  readonly provider: Provider;
  /**
   * Runs `work` atomically: in a new transaction at the top level, in the current one inside
   * `Store.transaction` (the outer transaction already makes it atomic).
   */
  atomic<T>(work: (db: Db) => Promise<T>, options?: { timeoutMs?: number }): Promise<T>;
  /** True at the top level, where a failed `atomic` left nothing behind and may simply be retried. */
  readonly retryable: boolean;
  /** Encrypts the personal columns on the way in and decrypts them on the way out. */
  readonly cipher: Cipher;
  /** The hot path's statements, on the driver and the connection of this scope (driver.ts). */
  readonly driver: Driver;
  /**
   * Runs one statement `work` (on SQLite: a statement that starts synchronously) outside every
   * transaction: on SQLite's one connection at the top level it waits until no other caller has a
   * transaction open, so that the statement is not made part of (and rolled back with) theirs.
   */
  readonly alone: <T>(work: (driver: Driver) => Promise<T>) => Promise<T>;
  /**
   * Personal data was erased here: once it is committed, the database is made to forget the
   * erased bytes too (SQLite: its WAL checkpointed into the zeroed pages and truncated).
   */
  readonly erased: () => void;
}

export function rootScope(
  client: RootClient,
  provider: Provider,
  cipher: Cipher,
  driver: Driver,
  alone: <T>(work: (driver: Driver) => Promise<T>) => Promise<T>,
  purge: () => Promise<void>,
): Scope {
  return {
    db: client,
    provider,
    atomic: (work, options) => client.$transaction(work, { timeout: options?.timeoutMs }),
    retryable: true,
    cipher,
    driver,
    alone,
    // At the top level the erasing statement has committed by the time this is called.
    erased: () => void purge(),
  };
}

export function transactionScope(
  tx: Db,
  provider: Provider,
  cipher: Cipher,
  driver: Driver,
  erased: () => void,
): Scope {
  return {
    db: tx,
    provider,
    atomic: (work) => work(tx),
    retryable: false,
    cipher,
    driver,
    // Inside a transaction a statement is atomic with it, as `atomic` is.
    alone: (work) => work(driver),
    erased,
  };
}

/** A write broke a unique constraint (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof PrismaClientKnownRequestError && error.code === "P2002";
}
