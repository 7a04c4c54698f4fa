import { AsyncLocalStorage } from "node:async_hooks";
// Opens the Store (every repository over one database) for a DATABASE_URL.
import type { Store } from "../domain/ports.ts";
import { type Cipher, NO_CIPHER } from "./cipher.ts";
import { type DatabaseTarget, parseDatabaseUrl, quoteIdentifier } from "./database-url.ts";
import { type Driver, pgDriver, sqliteDriver } from "./driver.ts";
import { isBusy, isTransientStorageError, StorageUnavailableError } from "./errors.ts";
import { createRepositories } from "./repositories/index.ts";
import { type Db, type RootClient, rootScope, transactionScope } from "./scope.ts";

export interface StoreOptions {
  /**
   * SQLite: how long an operation waits for another process's write lock; default 5 s. The wait
   * is asynchronous (short tries with pauses between), so a lock held elsewhere never blocks the
   * event loop: other chats, webhooks and health checks go on meanwhile.
   */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections in the pool; default 10. */
  poolSize?: number;
  /** Longest wait to start a transaction, and longest transaction; Prisma's defaults 2 s and 5 s. */
  transactionMaxWaitMs?: number;
  transactionTimeoutMs?: number;
  /** Encrypts personal data at rest; without one, nothing is encrypted and encrypted values cannot be read. */
  cipher?: Cipher;
}

export async function openStore(databaseUrl: string, options: StoreOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  let connected: Connected | undefined;
  try {
    connected = await connectClient(target, options);
    await prepare(connected.client, target);
  } catch (error) {
    await connected?.client.$disconnect().catch(() => {});
    throw new StorageUnavailableError(target.label, error);
  }
  const { client: root, lanes } = connected;
  const cipher = options.cipher ?? NO_CIPHER;
  const purge = () =>
    lanes.purge().catch((error) => {
      // The erased rows are gone either way; their bytes leave at the next checkpoint.
      console.warn(`The database could not forget erased bytes now: ${(error as Error).message}`);
    });
  const repositories = createRepositories(
    rootScope(root, target.provider, cipher, lanes.root, lanes.alone, purge),
  );
  const transaction: Store["transaction"] = async (work) => {
    let erased = false;
    const result = await lanes.transaction((db, driver) =>
      work(
        createRepositories(
          transactionScope(db, target.provider, cipher, driver, () => {
            erased = true;
          }),
        ),
      ),
    );
    if (erased) await purge();
    return result;
  };
  const store: Store = {
    ...repositories,
    transaction,
    isTransient: isTransientStorageError,
    close: () => root.$disconnect(),
  };
  return target.provider === "sqlite" ? waitingForLocks(store, busyTimeout(options)) : store;
}

/** Pauses between tries for a lock: short at first, then at most 100 ms. */
const LOCK_PAUSES_MS = [2, 5, 10, 20, 40, 80, 100];

/**
 * SQLite operations that meet another process's lock are tried again after a pause, until
 * `timeoutMs` has passed. A busy statement has not run, and a busy transaction was rolled back
 * whole, so trying again is safe.
 */
function waitingForLocks(store: Store, timeoutMs: number): Store {
  const waiting =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const deadline = Date.now() + timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await fn(...args);
        } catch (error) {
          if (!isBusy(error) || Date.now() >= deadline) throw error;
          const pause = LOCK_PAUSES_MS[Math.min(attempt, LOCK_PAUSES_MS.length - 1)]!;
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
    };
  const wrapped: Record<string, unknown> = { ...store };
  for (const [name, repository] of Object.entries(store)) {
    if (typeof repository !== "object" || repository === null) continue;
    wrapped[name] = Object.fromEntries(
      Object.entries(repository).map(([method, fn]) => [
        method,
        typeof fn === "function" ? waiting(fn as (...args: unknown[]) => Promise<unknown>) : fn,
      ]),
    );
  }
  return { ...(wrapped as unknown as Store), transaction: waiting(store.transaction) };
}

/** A Prisma client for the database (it connects lazily). Each generated client is large: load only the one used. */
export async function createClient(target: DatabaseTarget, options: StoreOptions): Promise<RootClient> {
  return (await connectClient(target, options)).client;
}

/** The driver under the client's adapter, for the hot path's statements (driver.ts). */
interface Lanes {
  /** Statements at the top level. */
  root: Driver;
  /** Runs `work` in a transaction: Prisma's client for it, and the driver of its connection. */
  transaction<T>(work: (db: Db, driver: Driver) => Promise<T>): Promise<T>;
  /** See Scope.alone. */
  alone<T>(work: (driver: Driver) => Promise<T>): Promise<T>;
  /** See Scope.erased: makes the database forget bytes erased by committed work. */
  purge(): Promise<void>;
}

interface Connected {
  client: RootClient;
  lanes: Lanes;
}

async function connectClient(target: DatabaseTarget, options: StoreOptions): Promise<Connected> {
  const transactionOptions = {
    maxWait: options.transactionMaxWaitMs,
    timeout: options.transactionTimeoutMs,
  };
  if (target.provider === "sqlite") {
    const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
      import("./generated/sqlite/client.ts"),
      import("@prisma/adapter-better-sqlite3"),
    ]);
    // No waiting inside the driver: better-sqlite3 would wait synchronously, blocking the process.
    const factory = new PrismaBetterSqlite3({ url: target.file, timeout: 0 });
    const sqlite = sqliteLanes(factory);
    const client = new PrismaClient({ adapter: sqlite.factory, transactionOptions });
    return { client, lanes: sqlite.lanes(client) };
  }
  const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import("./generated/postgres/client.ts"),
    import("@prisma/adapter-pg"),
    import("pg"),
  ]);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: options.poolSize ?? 10,
    // Raw statements are not schema-qualified by Prisma: they find the tables through the path.
    options: target.schema === undefined ? undefined : `-c search_path=${quoteIdentifier(target.schema)}`,
  });
  const pgLane = pgLanes(pool, new PrismaPg(pool, { schema: target.schema, disposeExternalPool: true }));
  // Same models and operations as the SQLite client (one source schema): see Db in scope.ts.
  const client = new PrismaClient({ adapter: pgLane.factory, transactionOptions }) as unknown as RootClient;
  return { client, lanes: pgLane.lanes(client) };
}

type PgFactory = InstanceType<typeof import("@prisma/adapter-pg").PrismaPg>;
type PgAdapter = Awaited<ReturnType<PgFactory["connect"]>>;

/**
 * PostgreSQL's store transactions as SQLite's (below): BEGIN … COMMIT on a pool connection of
 * their own, Prisma's interactive transaction left out. While one is open, the Prisma statements
 * its work makes are sent on its connection (the pool given to Prisma's adapter looks at the
 * work's async context), and a transaction Prisma opens there is a savepoint of it.
 */
function pgLanes(
  pool: import("pg").Pool,
  inner: PgFactory,
): { factory: PgFactory; lanes: (client: RootClient) => Lanes } {
  const current = new AsyncLocalStorage<{ connection: import("pg").PoolClient; open: boolean }>();
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { query: unknown }).query = (...args: unknown[]) => {
    const tx = current.getStore();
    return tx?.open ? (tx.connection.query as (...a: unknown[]) => unknown)(...args) : query(...args);
  };
  const factory = Object.create(inner) as PgFactory;
  factory.connect = async () => {
    const adapter: PgAdapter = await inner.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = (isolationLevel) =>
      current.getStore()?.open ? savepoint(adapter) : start(isolationLevel);
    return adapter;
  };
  const root = pgDriver(() => pool);
  return {
    factory,
    lanes: (client) => ({
      root,
      // Each pool connection has its own transactions: a top-level statement is never in one.
      alone: (work) => work(root),
      // A deleted row's bytes stay in PostgreSQL's pages until VACUUM reuses them; the cluster's
      // storage is the operator's (an encrypted volume), not a file handed around like SQLite's.
      purge: async () => {},
      async transaction(work) {
        const connection = await pool.connect();
        const state = { connection, open: true };
        let broken: Error | undefined;
        try {
          return await current.run(state, async () => {
            await connection.query("BEGIN");
            try {
              const result = await work(
                client,
                pgDriver(() => connection),
              );
              await connection.query("COMMIT");
              return result;
            } catch (error) {
              await connection.query("ROLLBACK").catch((e: Error) => {
                broken = e; // The connection is not reused: it may still be in the transaction.
              });
              throw error;
            }
          });
        } finally {
          state.open = false;
          connection.release(broken);
        }
      },
    }),
  };
}

type SqliteFactory = InstanceType<typeof import("@prisma/adapter-better-sqlite3").PrismaBetterSqlite3>;
type SqliteAdapter = Awaited<ReturnType<SqliteFactory["connect"]>>;

/** Turns on SQLite's one connection, first come first served: transactions and lone statements. */
class Turns {
  #busy = false;
  #queue: (() => void)[] = [];
  take(): Promise<void> {
    if (!this.#busy) {
      this.#busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }
  give(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#busy = false;
  }
}

/**
 * The better-sqlite3 connection Prisma's adapter opens, and the turns on it: the factory given
 * to Prisma is the adapter's own, noting the connection as Prisma connects, and taking a turn for
 * each of Prisma's transactions (held until its COMMIT or ROLLBACK) — the turns `alone` and the
 * store's transactions wait for too.
 *
 * The store's transactions are the connection's own BEGIN and COMMIT, in a turn: Prisma's
 * interactive transaction cost a quarter of a millisecond of CPU each (its client proxy, timers
 * and two statements; bench/PROFILE.md), and on one connection every statement of the work —
 * the driver's and Prisma's top-level ones — is in the open transaction anyway. A transaction
 * Prisma opens for itself inside that work (a write of several statements) becomes a savepoint.
 */
function sqliteLanes(inner: SqliteFactory): { factory: SqliteFactory; lanes: (client: RootClient) => Lanes } {
  let database: import("better-sqlite3").Database | undefined;
  const turns = new Turns();
  /**
   * Inside a store transaction's work, while it is open: Prisma's own transactions there are
   * savepoints (what the work starts and leaves running sees `open` false after the COMMIT).
   */
  const current = new AsyncLocalStorage<{ open: boolean }>();
  const noting = (adapter: SqliteAdapter): SqliteAdapter => {
    database = (adapter as unknown as { client: import("better-sqlite3").Database }).client;
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      if (current.getStore()?.open) return savepoint(adapter);
      await turns.take();
      let tx: Awaited<ReturnType<typeof start>>;
      try {
        tx = await start(isolationLevel);
      } catch (error) {
        turns.give();
        throw error;
      }
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        turns.give();
      };
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(end);
      tx.rollback = () => rollback().finally(end);
      return tx;
    };
    return adapter;
  };
  const factory = Object.create(inner) as SqliteFactory;
  factory.connect = async () => noting(await inner.connect());
  const connection = () => {
    if (!database) throw new Error("the SQLite connection is not open");
    return database;
  };
  const driver = sqliteDriver(connection);
  const alone = async <T>(work: (driver: Driver) => Promise<T>): Promise<T> => {
    await turns.take();
    try {
      return await work(driver);
    } finally {
      turns.give();
    }
  };
  return {
    factory,
    lanes: (client) => ({
      root: driver,
      alone,
      // With secure_delete the erased cells are zeroed in their pages; the checkpoint writes those
      // pages over the old ones in the file and truncates the WAL that still held the old ones.
      purge: () => alone(async (d) => void (await d.all("PRAGMA wal_checkpoint(TRUNCATE)", []))),
      async transaction(work) {
        // Prisma connects lazily: the connection exists once it has run a statement.
        if (!database) await client.$queryRawUnsafe("SELECT 1");
        return alone(() => {
          const state = { open: true };
          return current.run(state, async () => {
            const db = connection();
            db.exec("BEGIN");
            try {
              const result = await work(client, driver);
              db.exec("COMMIT");
              return result;
            } catch (error) {
              // A failed COMMIT (the database busy) leaves the transaction open: it is undone too.
              if (db.inTransaction) db.exec("ROLLBACK");
              throw error;
            } finally {
              state.open = false;
            }
          });
        });
      },
    }),
  };
}

/** Prisma's adapters for both databases, as the savepoint below uses them. */
type Adapter = Pick<SqliteAdapter | PgAdapter, "provider" | "adapterName" | "queryRaw" | "executeRaw">;
type AdapterTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

let savepoints = 0;

/** A transaction Prisma opens inside a store transaction: a savepoint of the open one. */
async function savepoint(adapter: Adapter): Promise<AdapterTransaction> {
  const name = `dvk_${++savepoints}`;
  const exec = (sql: string) => adapter.executeRaw({ sql, args: [], argTypes: [] }).then(() => {});
  await exec(`SAVEPOINT ${name}`);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    // Prisma sends no BEGIN or COMMIT of its own: commit and rollback below are the whole of it.
    options: { usePhantomQuery: true },
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    commit: () => exec(`RELEASE ${name}`),
    rollback: () => exec(`ROLLBACK TO ${name}`).then(() => exec(`RELEASE ${name}`)),
    createSavepoint: (inner) => exec(`SAVEPOINT ${inner}`),
    rollbackToSavepoint: (inner) => exec(`ROLLBACK TO ${inner}`),
    releaseSavepoint: (inner) => exec(`RELEASE SAVEPOINT ${inner}`),
  };
}
/** Proves the database answers (Prisma connects lazily) and applies SQLite's connection settings. */
async function prepare(client: RootClient, target: DatabaseTarget): Promise<void> {
  if (target.provider === "postgres") {
    await client.$queryRawUnsafe("SELECT 1");
    return;
  }
  // WAL lets readers work beside the writer; NORMAL syncs at checkpoints, not at every commit
  // (safe in WAL: a power cut can lose the last commits but never corrupt the file).
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 0");
  // Deleted and overwritten content is zeroed, not left in free pages for anyone with the file.
  await client.$queryRawUnsafe("PRAGMA secure_delete = ON");
}

function busyTimeout(options: StoreOptions): number {
  return options.busyTimeoutMs ?? 5000;
}
