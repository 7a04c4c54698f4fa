// Looks at everything a test database holds, past storage: every text cell of every table, and
// (SQLite) the database files' raw bytes — where personal data must not be found in clear.
import { existsSync, readFileSync } from "node:fs";
import type { Cipher } from "../../src/storage/cipher.ts";
import { parseDatabaseUrl } from "../../src/storage/database-url.ts";
import { query } from "../storage/inspect.ts";

export interface Cell {
  table: string;
  column: string;
  value: string;
}

/** Every non-empty text value in the database, with its table and column. */
export async function textCells(url: string): Promise<Cell[]> {
  const target = parseDatabaseUrl(url);
  const columns =
    target.provider === "sqlite"
      ? (
          await query(
            url,
            `SELECT m.name AS "table", p.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND upper(p.type) = 'TEXT'`,
          )
        ).map((r) => ({ table: String(r.table), column: String(r.column) }))
      : (
          await query(
            url,
            `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
             WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')`,
          )
        ).map((r) => ({ table: String(r.table), column: String(r.column) }));
  const cells: Cell[] = [];
  for (const { table, column } of columns) {
    const rows = await query(url, `SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
    for (const row of rows) if (row.v !== "") cells.push({ table, column, value: String(row.v) });
  }
  return cells;
}

/**
 * The cells holding any of `needles` (compared without spaces, dots and dashes, case-insensitive),
 * encrypted values read with `cipher` when given (what is held, not only what shows in clear).
 */
export async function cellsHolding(
  url: string,
  needles: readonly string[],
  cipher?: Cipher,
): Promise<Cell[]> {
  const squash = (text: string) => text.replace(/[\s.-]/g, "").toLowerCase();
  const wanted = needles.map(squash);
  const read = (value: string) => (cipher?.isEncrypted(value) ? cipher.decrypt(value) : value);
  return (await textCells(url)).filter((cell) => wanted.some((n) => squash(read(cell.value)).includes(n)));
}

/** A SQLite database's file and write-ahead log, as bytes read straight from disk. */
export function rawSqliteBytes(url: string): Buffer {
  const target = parseDatabaseUrl(url);
  if (target.provider !== "sqlite") throw new Error("not a SQLite database");
  return Buffer.concat(
    [target.file, `${target.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );
}
