// The databases the storage suite runs on: a fresh SQLite file always, and a fresh PostgreSQL
// schema when TEST_DATABASE_URL names a server (never anything but a throw-away one).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Store } from "../../src/domain/ports.ts";
import { openStore } from "../../src/storage/client.ts";
import { type Provider, quoteIdentifier } from "../../src/storage/database-url.ts";
import { migrate } from "../../src/storage/migrate.ts";
import { testCipher } from "../support/data-key.ts";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface DatabaseKind {
  provider: Provider;
  create(): Promise<TestDatabase>;
}

const sqlite: DatabaseKind = {
  provider: "sqlite",
  create: async () => {
    const dir = mkdtempSync(join(tmpdir(), "dvk-storage-"));
    return {
      url: `file:${join(dir, "nested", "dvk.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

function postgres(serverUrl: string): DatabaseKind {
  return {
    provider: "postgres",
    create: async () => {
      const schema = `test_${randomBytes(6).toString("hex")}`;
      const url = new URL(serverUrl);
      url.searchParams.set("schema", schema);
      return {
        url: url.toString(),
        drop: async () => {
          const client = new pg.Client({ connectionString: serverUrl });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
          await client.end();
        },
      };
    },
  };
}

const serverUrl = process.env.TEST_DATABASE_URL;
export const databaseKinds: DatabaseKind[] = serverUrl ? [sqlite, postgres(serverUrl)] : [sqlite];

/**
 * Registers hooks that give the enclosing describe a migrated database and a store on it: one
 * for all its tests, or a fresh one for each test when `perTest`.
 */
export function useStore(kind: DatabaseKind, { perTest = false } = {}): { store(): Store; url(): string } {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  (perTest ? beforeEach : beforeAll)(async () => {
    database = await kind.create();
    await migrate(database.url);
    store = await openStore(database.url, { cipher: testCipher() });
  });
  (perTest ? afterEach : afterAll)(async () => {
    await store?.close();
    await database?.drop();
  });
  return {
    store: () => store ?? fail("store not open"),
    url: () => database?.url ?? fail("database not created"),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
