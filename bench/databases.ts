// The databases the benchmark runs on: a fresh SQLite file in a temp folder (WAL, as the app
// opens it), and, when a PostgreSQL server is named, a fresh schema on it — one per scenario,
// each dropped afterwards. Also the peers' session table (bench/prisma/schema.prisma).
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Provider, parseDatabaseUrl, quoteIdentifier } from "../src/storage/database-url.ts";
import type { PrismaClient as SessionClient } from "./generated/sqlite/client.ts";

export type { SessionClient };

/** The benchmark encrypts personal data as production does, with a key of its own run. */
export const BENCH_DATA_KEY = randomBytes(32).toString("base64");

export interface BenchDatabase {
  provider: Provider;
  /** DATABASE_URL for the app's store. */
  url: string;
  /** Bytes the data takes: the SQLite file and its WAL, or every table of the schema with indexes. */
  size(): Promise<number>;
  drop(): Promise<void>;
}

/** A scenario's database on `provider` ("sqlite", or "postgres" on `serverUrl`). */
export function createDatabase(
  provider: Provider,
  serverUrl: string | undefined,
  name: string,
): BenchDatabase {
  return provider === "sqlite" ? sqliteDatabase(name) : postgresDatabase(serverUrl!, name);
}

function sqliteDatabase(name: string): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), `dvk-bench-${name}-`));
  const file = join(dir, `${name}.db`);
  return {
    provider: "sqlite",
    url: `file:${file}`,
    async size() {
      return [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const RUN = randomBytes(4).toString("hex");

function postgresDatabase(serverUrl: string, name: string): BenchDatabase {
  const schema = `bench_${RUN}_${name}`;
  const url = new URL(serverUrl);
  url.searchParams.set("schema", schema);
  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    provider: "postgres",
    url: url.toString(),
    async size() {
      const [row] = await query<{ bytes: string }>(
        `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'm')`,
        [schema],
      );
      return Number(row?.bytes ?? 0);
    },
    async drop() {
      await query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    },
  };
}

/**
 * A Prisma client on the peers' session table (created if missing), with SQLite set up as the
 * app sets up its own (WAL, synchronous=NORMAL), so that the comparison is about the bot code.
 */
export async function openSessions(db: BenchDatabase): Promise<SessionClient> {
  const target = parseDatabaseUrl(db.url);
  if (target.provider === "sqlite") {
    const { PrismaClient } = await import("./generated/sqlite/client.ts");
    const client = new PrismaClient({
      adapter: new PrismaBetterSqlite3({ url: target.file, timeout: 5000 }),
    });
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await client.$executeRawUnsafe(
      'CREATE TABLE IF NOT EXISTS "BenchSession" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    );
    return client;
  }
  const { PrismaClient } = await import("./generated/postgres/client.ts");
  const schema = quoteIdentifier(target.schema ?? "public");
  const client = new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: target.connectionString, max: 10, options: `-c search_path=${schema}` },
      { schema: target.schema },
    ),
  });
  await client.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS ${schema}."BenchSession" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)`,
  );
  return client as unknown as SessionClient;
}
