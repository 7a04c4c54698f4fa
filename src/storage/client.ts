// Opens the Store (every repository over one database) for a DATABASE_URL.
import type { Store } from "../domain/ports.ts";
import { type Cipher, NO_CIPHER } from "./cipher.ts";
import { type DatabaseTarget, parseDatabaseUrl, quoteIdentifier } from "./database-url.ts";
import { isBusy, isTransientStorageError, StorageUnavailableError } from "./errors.ts";
import { createRepositories } from "./repositories/index.ts";
import { type RootClient, rootScope, transactionScope } from "./scope.ts";

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
  let client: RootClient | undefined;
  try {
    client = await createClient(target, options);
    await prepare(client, target);
  } catch (error) {
    await client?.$disconnect().catch(() => {});
    throw new StorageUnavailableError(target.label, error);
  }
  const root = client;
  const cipher = options.cipher ?? NO_CIPHER;
  const repositories = createRepositories(rootScope(root, target.provider, cipher));
  const transaction: Store["transaction"] = (work) =>
    root.$transaction((tx) => work(createRepositories(transactionScope(tx, target.provider, cipher))));
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
    const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: 0 });
    return new PrismaClient({ adapter, transactionOptions });
  }
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import("./generated/postgres/client.ts"),
    import("@prisma/adapter-pg"),
  ]);
  const adapter = new PrismaPg(
    {
      connectionString: target.connectionString,
      max: options.poolSize ?? 10,
      // Raw statements are not schema-qualified by Prisma: they find the tables through the path.
      options: target.schema === undefined ? undefined : `-c search_path=${quoteIdentifier(target.schema)}`,
    },
    { schema: target.schema },
  );
  // Same models and operations as the SQLite client (one source schema): see Db in scope.ts.
  return new PrismaClient({ adapter, transactionOptions }) as unknown as RootClient;
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
}

function busyTimeout(options: StoreOptions): number {
  return options.busyTimeoutMs ?? 5000;
}
