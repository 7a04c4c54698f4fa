// DATABASE_URL → which database to open. `file:` selects SQLite, `postgres(ql)://` PostgreSQL.
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidDatabaseUrlError } from "./errors.ts";

export type Provider = "sqlite" | "postgres";

export type DatabaseTarget =
  | { provider: "sqlite" /** Absolute path of the database file. */; file: string; label: string }
  | {
      provider: "postgres";
      /** The URL `pg` understands: Prisma's own `schema` parameter removed. */
      connectionString: string;
      /** Prisma's `?schema=` (PostgreSQL schema for every table); undefined means the server's default. */
      schema: string | undefined;
      /** The URL without its password, for messages. */
      label: string;
    };

export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  if (databaseUrl.startsWith("file:")) {
    const file = sqliteFile(databaseUrl);
    return { provider: "sqlite", file, label: file };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    let url: URL;
    try {
      url = new URL(databaseUrl);
    } catch {
      throw new InvalidDatabaseUrlError("DATABASE_URL is not a valid postgresql:// URL");
    }
    const schema = url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    const connectionString = url.toString();
    url.password = "";
    return { provider: "postgres", connectionString, schema, label: url.toString() };
  }
  throw new InvalidDatabaseUrlError(
    "DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)",
  );
}

// Relative paths are taken from the working directory (not from prisma/ as Prisma's CLI would):
// `npm start` and the CLI both run from the project root.
function sqliteFile(databaseUrl: string): string {
  const withoutQuery = databaseUrl.replace(/\?.*$/, "");
  const path = withoutQuery.startsWith("file://")
    ? fileURLToPath(withoutQuery)
    : withoutQuery.slice("file:".length);
  if (path === "" || path === ":memory:") {
    throw new InvalidDatabaseUrlError("DATABASE_URL must name a SQLite file, e.g. file:./data/dvk.db");
  }
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/** A PostgreSQL identifier (a schema name) quoted for SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
