// Opens the Store (every repository over one database) for a DATABASE_URL.
import type { Store } from "../domain/ports.ts";
import { type DatabaseTarget, parseDatabaseUrl, quoteIdentifier } from "./database-url.ts";
import { StorageUnavailableError } from "./errors.ts";
import { createRepositories } from "./repositories/index.ts";
import { type RootClient, rootScope, transactionScope } from "./scope.ts";

export interface StoreOptions {
  /** SQLite: how long a statement waits for another process's write lock; default 5 s. */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections in the pool; default 10. */
  poolSize?: number;
  /** Longest wait to start a transaction, and longest transaction; Prisma's defaults 2 s and 5 s. */
  transactionMaxWaitMs?: number;
  transactionTimeoutMs?: number;
}

export async function openStore(databaseUrl: string, options: StoreOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  let client: RootClient | undefined;
  try {
    client = await createClient(target, options);
    await prepare(client, target, options);
  } catch (error) {
    await client?.$disconnect().catch(() => {});
    throw new StorageUnavailableError(target.label, error);
  }
  const root = client;
  return {
    ...createRepositories(rootScope(root, target.provider)),
    transaction: (work) =>
      root.$transaction((tx) => work(createRepositories(transactionScope(tx, target.provider)))),
    close: () => root.$disconnect(),
  };
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
    const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: busyTimeout(options) });
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
async function prepare(client: RootClient, target: DatabaseTarget, options: StoreOptions): Promise<void> {
  if (target.provider === "postgres") {
    await client.$queryRawUnsafe("SELECT 1");
    return;
  }
  // WAL lets readers work beside the writer; NORMAL syncs at checkpoints, not at every commit
  // (safe in WAL: a power cut can lose the last commits but never corrupt the file).
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe(`PRAGMA busy_timeout = ${busyTimeout(options)}`);
}

function busyTimeout(options: StoreOptions): number {
  return options.busyTimeoutMs ?? 5000;
}
