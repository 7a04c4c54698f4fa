// Proves the committed SQL and prisma/schema.prisma agree: the generated clients read and write
// exactly the tables, columns, types and indexes the migrations create.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../src/storage/client.ts";
import { parseDatabaseUrl } from "../../src/storage/database-url.ts";
import { SEARCH_INDEX } from "../../src/storage/repositories/gallery.ts";
import type { RootClient } from "../../src/storage/scope.ts";
import { type DatabaseKind, databaseKinds, useStore } from "./databases.ts";
import { query } from "./inspect.ts";

interface Field {
  name: string;
  type: "String" | "Int" | "Float" | "Boolean" | "DateTime";
  optional: boolean;
}
interface Model {
  name: string;
  fields: Field[];
  /** Expected index names besides the primary key's. */
  indexes: string[];
}

/** Just enough of Prisma's schema language for this schema: scalar fields and index attributes. */
function parseSchema(text: string): Model[] {
  return [...text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)].map(([, name, body]) => {
    const fields: Field[] = [];
    const indexes: string[] = [];
    for (const line of body!.split("\n").map((l) => l.trim())) {
      if (line === "" || line.startsWith("//")) continue;
      const block = /^@@(id|unique|index)\(\[(.*)\]\)/.exec(line);
      if (block) {
        const columns = block[2]!.split(",").map((c) => c.trim());
        if (block[1] !== "id")
          indexes.push(`${name}_${columns.join("_")}_${block[1] === "unique" ? "key" : "idx"}`);
        continue;
      }
      const field = /^(\w+)\s+(String|Int|Float|Boolean|DateTime)(\?)?(.*)$/.exec(line);
      if (!field) throw new Error(`schema.test cannot read: ${line}`);
      fields.push({ name: field[1]!, type: field[2] as Field["type"], optional: field[3] === "?" });
      if (/@unique\b/.test(field[4]!)) indexes.push(`${name}_${field[1]}_key`);
    }
    return { name: name!, fields, indexes };
  });
}

const models = parseSchema(readFileSync(join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8"));

const columnTypes = {
  sqlite: { String: "TEXT", Int: "INTEGER", Float: "REAL", Boolean: "BOOLEAN", DateTime: "DATETIME" },
  postgres: {
    String: "text",
    Int: "integer",
    Float: "double precision",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
  },
} as const;

interface Column {
  name: string;
  type: string;
  nullable: boolean;
}

async function columnsOf(url: string, table: string): Promise<Column[]> {
  if (parseDatabaseUrl(url).provider === "sqlite") {
    const rows = await query(url, `SELECT name, type, "notnull" FROM pragma_table_info(?)`, [table]);
    return rows.map((r) => ({ name: String(r.name), type: String(r.type), nullable: r.notnull === 0 }));
  }
  const rows = await query(
    url,
    `SELECT column_name AS name, format_type(a.atttypid, a.atttypmod) AS type, is_nullable
       FROM information_schema.columns c
       JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                          AND a.attname = c.column_name
      WHERE c.table_schema = current_schema() AND c.table_name = $1`,
    [table],
  );
  return rows.map((r) => ({ name: String(r.name), type: String(r.type), nullable: r.is_nullable === "YES" }));
}

async function tables(url: string): Promise<string[]> {
  const rows =
    parseDatabaseUrl(url).provider === "sqlite"
      ? await query(url, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : await query(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`);
  return rows.map((r) => String(r.name)).filter((name) => name !== "_prisma_migrations");
}

async function indexesOf(url: string, table: string): Promise<string[]> {
  const rows =
    parseDatabaseUrl(url).provider === "sqlite"
      ? await query(
          url,
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_autoindex_%'`,
          [table],
        )
      : await query(
          url,
          `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`,
          [table],
        );
  return rows.map((r) => String(r.name));
}

const sample: { [K in Field["type"]]: (model: string, field: string) => unknown } = {
  String: (model, field) => `${model}.${field} ✓ tiếng Việt`,
  Int: (_model, field) => field.length,
  Float: (_model, field) => field.length + 0.5,
  Boolean: () => true,
  DateTime: () => new Date("2026-03-30T16:59:59.999Z"),
};

interface Delegate {
  create(args: { data: Record<string, unknown> }): Promise<unknown>;
  findMany(): Promise<Record<string, unknown>[]>;
}

describe.each(databaseKinds)("schema and migrations agree on $provider", (kind: DatabaseKind) => {
  const db = useStore(kind);
  let client: RootClient;
  beforeAll(async () => {
    client = await createClient(parseDatabaseUrl(db.url()), {});
  });
  afterAll(async () => {
    await client?.$disconnect();
  });

  it("the generated client has the schema's models and scalar fields", async () => {
    const { Prisma } =
      kind.provider === "sqlite"
        ? await import("../../src/storage/generated/sqlite/client.ts")
        : await import("../../src/storage/generated/postgres/client.ts");
    expect(Object.keys(Prisma.ModelName).sort()).toEqual(models.map((m) => m.name).sort());
    for (const model of models) {
      const fields = (Prisma as unknown as Record<string, Record<string, string>>)[
        `${model.name}ScalarFieldEnum`
      ];
      expect(Object.values(fields ?? {}), model.name).toEqual(model.fields.map((f) => f.name));
    }
  });

  // The gallery's word search adds what the schema cannot say (FTS5's tables, tsvector columns).
  const extra = SEARCH_INDEX[kind.provider];
  const extraOf = (model: string) => (model === "GalleryEntry" ? extra : { columns: [], indexes: [] });

  it("has a table per model and nothing else", async () => {
    expect((await tables(db.url())).sort()).toEqual([...models.map((m) => m.name), ...extra.tables].sort());
  });

  it.each(models)("$name: every field is a column of the right type and nullability", async (model) => {
    const columns = await columnsOf(db.url(), model.name);
    const expected: Column[] = [
      ...model.fields.map((f) => ({
        name: f.name,
        type: columnTypes[kind.provider][f.type],
        nullable: f.optional,
      })),
      ...extraOf(model.name).columns,
    ];
    const byName = (a: Column, b: Column) => a.name.localeCompare(b.name);
    expect(columns.sort(byName)).toEqual(expected.sort(byName));
  });

  it.each(models)("$name: has the schema's indexes, named as Prisma names them", async (model) => {
    const expected = [
      ...(kind.provider === "postgres" ? [`${model.name}_pkey`] : []),
      ...model.indexes,
      ...extraOf(model.name).indexes,
    ];
    expect((await indexesOf(db.url(), model.name)).sort()).toEqual(expected.sort());
  });

  it.each(models)("$name: a row with every field set is written and read back unchanged", async (model) => {
    const data = Object.fromEntries(model.fields.map((f) => [f.name, sample[f.type](model.name, f.name)]));
    const key = model.name[0]!.toLowerCase() + model.name.slice(1);
    const delegate = (client as unknown as Record<string, Delegate>)[key]!;
    await delegate.create({ data });
    expect(await delegate.findMany()).toEqual([data]);
  });
});
