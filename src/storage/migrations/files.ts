// The committed migrations of one provider, in Prisma's layout: <dir>/<timestamp>_<name>/migration.sql.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface MigrationFile {
  /** The folder's name, e.g. `20261122203344_init`; Prisma's `migration_name`. */
  name: string;
  sql: string;
  /** sha256 hex of the file, as Prisma records it. */
  checksum: string;
}

/** Oldest first: the folder names start with a timestamp, so name order is apply order. */
export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: sha256(sql) };
    });
}

/**
 * Whether a recorded checksum still matches the file. Like Prisma, a file whose only change is
 * its line endings (a Windows checkout) still matches.
 */
export function matchesChecksum(file: MigrationFile, checksum: string): boolean {
  const lf = file.sql.replaceAll("\r\n", "\n");
  return [file.sql, lf, lf.replaceAll("\n", "\r\n")].some((text) => sha256(text) === checksum);
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
