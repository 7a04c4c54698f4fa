// The hot path's statements on the driver Prisma's adapter wraps (better-sqlite3, pg), with their
// prepared statements kept: every update runs the same dozen statements, and Prisma's cost per
// statement (building, validating and mapping each query; the SQLite adapter prepares every
// statement anew) was most of an update's CPU (bench/PROFILE.md). Prisma still owns the schema,
// the migrations and the connections; the store's transactions are the connection's own BEGIN
// and COMMIT (client.ts). A Driver runs on the very connection of the scope it belongs to —
// inside the open transaction, or at the top level as Prisma's own top-level statements do.
import { createHash } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";

/**
 * Statements written once for both databases: `$1`, `$2`… for the parameters (repeatable), plain
 * SQL both understand. Dates go in as Dates and come out as Dates (see `dateOf`), booleans go in
 * as booleans; what comes out is the database's own (SQLite's 0/1, PostgreSQL's true/false).
 */
export interface Driver {
  /** The rows a statement returns (a SELECT, or a write with RETURNING), as objects. */
  all<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /**
   * The rows of a SELECT, each as an array of the columns in the statement's order, mapped as
   * they come: for the long reads (a report's 100,000 rows), where building an object per row and
   * keeping every raw row until the last is read are a good part of the cost. `each` is
   * synchronous and runs no statement (on SQLite the connection is still reading).
   */
  map<T extends readonly unknown[], R>(
    sql: string,
    params: readonly unknown[],
    each: (row: T) => R,
  ): Promise<R[]>;
  /** A write without RETURNING: how many rows it changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

/** A DateTime column's value as a Date, whichever database read it. */
export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string | number);
}

export function optionalDateOf(value: unknown): Date | null {
  return value === null || value === undefined ? null : dateOf(value);
}

// ------------------------------------------------------------------------------------- SQLite

type SqliteStatement = BetterSqlite3.Statement<Record<string, unknown>, Record<string, unknown>>;

/**
 * better-sqlite3 runs statements synchronously on the adapter's one connection: inside a
 * transaction's work they are part of that transaction, at the top level they are where Prisma's
 * top-level statements are. Values are converted as Prisma's adapter converts them, so that rows
 * written either way read the same (DateTime as ISO 8601 text, booleans as 0/1).
 */
export function sqliteDriver(connection: () => BetterSqlite3.Database): Driver {
  /** Per connection (Prisma opens a new one after a disconnect). */
  const kept = new WeakMap<
    BetterSqlite3.Database,
    Map<string, { statement: SqliteStatement; count: number }>
  >();
  const prepared = (sql: string) => {
    const database = connection();
    let statements = kept.get(database);
    if (!statements) {
      statements = new Map();
      kept.set(database, statements);
    }
    let entry = statements.get(sql);
    if (!entry) {
      let count = 0;
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
        count = Math.max(count, Number(n));
        return `@p${n}`;
      });
      const statement = database.prepare(text) as SqliteStatement;
      // The adapter turns safe integers on for the connection; the hot path's integers are small.
      statement.safeIntegers(false);
      entry = { statement, count };
      statements.set(sql, entry);
    }
    return entry;
  };
  const bind = (count: number, params: readonly unknown[]) => {
    const named: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) named[`p${i + 1}`] = sqliteValue(params[i]);
    return named;
  };
  return {
    async all<T>(sql: string, params: readonly unknown[]) {
      const { statement, count } = prepared(sql);
      return statement.all(bind(count, params)) as T[];
    },
    async map<T extends readonly unknown[], R>(sql: string, params: readonly unknown[], each: (row: T) => R) {
      const { statement, count } = prepared(sql);
      statement.raw(true);
      try {
        const out: R[] = [];
        for (const row of statement.iterate(bind(count, params))) out.push(each(row as unknown as T));
        return out;
      } finally {
        statement.raw(false);
      }
    },
    async run(sql, params) {
      const { statement, count } = prepared(sql);
      return statement.run(bind(count, params)).changes;
    },
  };
}

function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

// --------------------------------------------------------------------------------- PostgreSQL

const TIMESTAMP_OID = 1114;
/** Prisma's DateTime is `timestamp(3)` without a time zone, holding UTC: read it as UTC. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_OID
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const names = new Map<string, string>();
/** A statement's name, the same for its text in every connection (pg prepares it once per connection). */
function nameOf(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `dvk_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`;
    names.set(sql, name);
  }
  return name;
}

function pgValue(value: unknown): unknown {
  if (value === undefined) return null;
  // Into a timestamp without a time zone the offset is ignored: UTC's digits go in as they are.
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Named (prepared) statements on a pool (the top level) or on a transaction's connection. */
export function pgDriver(target: () => pg.Pool | pg.PoolClient): Driver {
  const query = (sql: string, params: readonly unknown[]) =>
    target().query({ name: nameOf(sql), text: sql, values: params.map(pgValue), types });
  return {
    async all<T>(sql: string, params: readonly unknown[]) {
      return (await query(sql, params)).rows as T[];
    },
    async map<T extends readonly unknown[], R>(sql: string, params: readonly unknown[], each: (row: T) => R) {
      const result = await target().query({
        name: nameOf(sql),
        text: sql,
        values: params.map(pgValue),
        types,
        rowMode: "array",
      });
      return (result.rows as unknown as T[]).map(each);
    },
    async run(sql, params) {
      return (await query(sql, params)).rowCount ?? 0;
    },
  };
}
