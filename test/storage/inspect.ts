// Plain-driver access to a test database, to look at what storage wrote without going through it.
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl, quoteIdentifier } from "../../src/storage/database-url.ts";

export type Row = Record<string, unknown>;

/** Runs one statement (`?` placeholders on SQLite, `$1` on PostgreSQL) and returns its rows. */
export async function query(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") {
    const db = new Database(target.file);
    try {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({
    connectionString: target.connectionString,
    options: target.schema === undefined ? undefined : `-c search_path=${quoteIdentifier(target.schema)}`,
  });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** The inbox's rejected webhook bodies, their reasons in order (each body recorded once, without its payload). */
export async function rejections(url: string): Promise<string[]> {
  const rows = await query(
    url,
    `SELECT "status", "lastError", "payload" FROM "InboundUpdate" WHERE "status" = 'rejected'`,
  );
  for (const row of rows) if (row.payload !== null) throw new Error("a rejected body kept its payload");
  return rows.map((r) => String(r.lastError)).sort();
}
