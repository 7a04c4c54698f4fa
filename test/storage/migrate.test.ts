import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../src/storage/database-url.ts";
import { MigrationError } from "../../src/storage/errors.ts";
import { migrate } from "../../src/storage/migrate.ts";
import { type DatabaseKind, databaseKinds, type TestDatabase } from "./databases.ts";
import { query } from "./inspect.ts";

const PROJECT_MIGRATIONS = join(import.meta.dirname, "../../prisma/migrations");

describe.each(databaseKinds)("migrate on $provider", (kind: DatabaseKind) => {
  const folder = join(PROJECT_MIGRATIONS, kind.provider);
  const committed = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const ph = (n: number) => (kind.provider === "sqlite" ? "?" : `$${n}`);

  let database: TestDatabase;
  let migrations: string;
  beforeEach(async () => {
    database = await kind.create();
    migrations = mkdtempSync(join(tmpdir(), "dvk-migrations-"));
    cpSync(PROJECT_MIGRATIONS, migrations, { recursive: true });
  });
  afterEach(async () => {
    await database.drop();
    rmSync(migrations, { recursive: true, force: true });
  });

  const ownFile = (name: string) => join(migrations, kind.provider, name, "migration.sql");
  const ledger = () => query(database.url, `SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`);

  it("applies every committed migration to a fresh database, then nothing", async () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(await migrate(database.url)).toEqual(committed);
    expect(await migrate(database.url)).toEqual([]);
  });

  it("records each migration in _prisma_migrations as Prisma does", async () => {
    await migrate(database.url);
    const rows = await ledger();
    expect(rows.map((row) => row.migration_name)).toEqual(committed);
    for (const row of rows) {
      const sql = readFileSync(join(folder, String(row.migration_name), "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.started_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
      // Prisma's engine stores these times as Unix milliseconds on SQLite.
      if (kind.provider === "sqlite") expect(typeof row.finished_at).toBe("number");
    }
  });

  it.runIf(kind.provider === "sqlite")("creates the folder of the SQLite file", async () => {
    const target = parseDatabaseUrl(database.url);
    if (target.provider !== "sqlite") throw new Error("expected SQLite");
    expect(existsSync(dirname(target.file))).toBe(false);
    await migrate(database.url);
    expect(existsSync(target.file)).toBe(true);
  });

  it("refuses to go on when an applied migration was edited", async () => {
    await migrate(database.url, { migrationsDir: migrations });
    const name = committed[0]!;
    writeFileSync(ownFile(name), `${readFileSync(ownFile(name), "utf8")}\n-- an afterthought\n`);
    const refusal = await migrate(database.url, { migrationsDir: migrations }).catch((error) => error);
    expect(refusal).toBeInstanceOf(MigrationError);
    expect(refusal).toMatchObject({ problem: "modified", migration: name });
    expect(refusal.message).toContain(name);
  });

  it("accepts an applied migration whose only change is its line endings", async () => {
    await migrate(database.url, { migrationsDir: migrations });
    const name = committed[0]!;
    writeFileSync(ownFile(name), readFileSync(ownFile(name), "utf8").replaceAll("\n", "\r\n"));
    expect(await migrate(database.url, { migrationsDir: migrations })).toEqual([]);
  });

  it("records a failing migration, refuses until it is rolled back, then applies its fix", async () => {
    const broken = "29991231000000_broken";
    mkdirSync(join(migrations, kind.provider, broken));
    writeFileSync(
      ownFile(broken),
      `CREATE TABLE "Half" ("id" TEXT NOT NULL);\nINSERT INTO "NoSuchTable" ("id") VALUES ('x');\n`,
    );

    const failure = await migrate(database.url, { migrationsDir: migrations }).catch((error) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect(failure).toMatchObject({ problem: "error", migration: broken });
    // The earlier migrations stay applied; the broken one left nothing but its ledger row.
    expect(await query(database.url, `SELECT COUNT(*) AS n FROM "Submission"`)).toEqual([
      { n: expect.anything() },
    ]);
    await expect(query(database.url, `SELECT * FROM "Half"`)).rejects.toThrow();
    const [row] = await query(
      database.url,
      `SELECT * FROM "_prisma_migrations" WHERE "migration_name" = ${ph(1)}`,
      [broken],
    );
    expect(row).toMatchObject({ finished_at: null, rolled_back_at: null });
    expect(String(row?.logs)).toMatch(/NoSuchTable/i);

    const refusal = await migrate(database.url, { migrationsDir: migrations }).catch((error) => error);
    expect(refusal).toMatchObject({ problem: "failed", migration: broken });

    // What `prisma migrate resolve --rolled-back` does, then a fixed file.
    await query(
      database.url,
      `UPDATE "_prisma_migrations" SET "rolled_back_at" = ${ph(1)} WHERE "migration_name" = ${ph(2)}`,
      [kind.provider === "sqlite" ? Date.now() : new Date(), broken],
    );
    writeFileSync(ownFile(broken), `CREATE TABLE "Half" ("id" TEXT NOT NULL);\n`);
    expect(await migrate(database.url, { migrationsDir: migrations })).toEqual([broken]);
    const rows = await ledger();
    expect(rows.filter((r) => r.migration_name === broken)).toHaveLength(2);
  });

  it.runIf(kind.provider === "postgres")("lets two migrators race without applying twice", async () => {
    const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
    expect(results.flat().sort()).toEqual(committed);
    expect(await ledger()).toHaveLength(committed.length);
  });
});
