// (e) The province's report over 100,000 submissions, on SQLite and on PostgreSQL: seeded in
// batches of one transaction each — rows mapped by the storage layer's own submissionColumns and
// written with better-sqlite3 (as Prisma's adapter writes them) or multi-row INSERTs on pg
// (Prisma's own inserts would take a minute and are not what is measured) — then timed as /baocao does it for an officer of the province: what
// the report reads through the store (store.submissions.forReport) and the report built
// (buildReport); store.submissions.list() (every column, ordered) is timed too, for comparison,
// and the report built from it must be the same.
import Database from "better-sqlite3";
import pg from "pg";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/application/logger.ts";
import { buildReport } from "../src/application/reports/index.ts";
import { reportSubmissions } from "../src/application/services/report.ts";
import { loadConfig } from "../src/config.ts";
import type { OrgUnit } from "../src/domain/org.ts";
import type { ReportSubmission } from "../src/domain/statistics.ts";
import type { FieldId, Status, Submission, SubmissionCode, Tier } from "../src/domain/types.ts";
import { FIELD_IDS } from "../src/domain/types.ts";
import { parseDatabaseUrl, quoteIdentifier } from "../src/storage/database-url.ts";
import { submissionColumns } from "../src/storage/repositories/submission-rows.ts";
import { BENCH_DATA_KEY, type BenchDatabase } from "./databases.ts";
import { startProfile } from "./harness.ts";
import { DESCRIPTION } from "./script.ts";

export interface ReportRun {
  submissions: number;
  /** The rows forReport read: the period's registrations of the province's bodies, every proposal. */
  rowsRead: number;
  models: number;
  seedSeconds: number;
  /** Reading every submission as reports do (store.submissions.forReport). */
  readSeconds: number;
  buildSeconds: number;
  /** read + build: the target's figure. */
  totalSeconds: number;
  /** Reading them with store.submissions.list() instead (every column, ordered), for comparison. */
  listSeconds: number;
}

const BATCH = 1000;
const DESCRIPTION_ITEMS = [
  "model_name",
  "situation",
  "goals",
  "activities",
  "area",
  "forces",
  "resources",
  "timeline",
  "outputs",
  "sustainability",
] as const;

/** Where a registration ends up, in proportions a real cycle might show; some go up a tier. */
const OUTCOMES: [Status, number][] = [
  ["draft", 5],
  ["submitted", 20],
  ["accepted", 22],
  ["returned", 5],
  ["rejected", 5],
  ["proposed", 8],
  ["recognized", 15],
  ["not_recognized", 5],
  ["nominated", 15],
];

function pick<T>(weighted: [T, number][], n: number): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let at = (n * 7919) % total;
  for (const [value, weight] of weighted) {
    if (at < weight) return value;
    at -= weight;
  }
  return weighted[0]![0];
}

/** A row's values as @prisma/adapter-better-sqlite3 binds them: ISO instants, booleans as 0/1. */
export function sqliteRow(columns: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(columns))
    out[k] =
      v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? Number(v) : v;
  return out;
}

const pad = (n: number) => String(n).padStart(6, "0");
const at = (iso: string) => new Date(`${iso}+07:00`);

/** Row `i` of the data set and, for a nominated model, its proposal one tier up. */
export function modelRows(i: number, unit: OrgUnit, parent: OrgUnit | undefined): Submission[] {
  const year = i % 5 === 0 ? 2025 : 2026;
  const status = pick(OUTCOMES, i);
  const field: FieldId = FIELD_IDS[i % FIELD_IDS.length]!;
  const scores = {
    identity: 10,
    leadership: 12,
    coordination: 12,
    support: 12,
    urgency: 12,
    impact: 12,
    sustainability: 12,
  };
  const base: Submission = {
    id: `m${i}`,
    code: status === "draft" ? null : (`DVK-${year}-${pad(i)}` as SubmissionCode),
    registrantId: `person-${i % 20_000}`,
    status,
    cycleYear: year,
    field,
    registrantKind: i % 3 === 0 ? "individual" : "collective",
    unitCategory: "party_cell",
    unitName: `Đơn vị số ${i}`,
    address: `Thôn ${i % 97}, ${unit.locality}`,
    contactName: "Nguyễn Văn An",
    contactPhone: "0912345678",
    localityCode: unit.code,
    bodyCode: unit.code,
    viaBodyCode: null,
    queueBodyCode: unit.code,
    tier: unit.tier,
    modelKind: i % 4 === 0 ? "replication" : "new",
    description: Object.fromEntries(DESCRIPTION_ITEMS.map((id, k) => [id, DESCRIPTION[k]!])),
    scores,
    attachments: [],
    results: null,
    late: i % 17 === 0,
    parentId: null,
    submittedAt: status === "draft" ? null : at(`${year}-03-10T09:00:00`),
    decidedAt: ["draft", "submitted", "returned"].includes(status) ? null : at(`${year}-04-20T10:00:00`),
    createdAt: at(`${year}-03-01T09:00:00`),
    updatedAt: at(`${year}-04-20T10:00:00`),
    version: 2,
  };
  if (status !== "nominated" || !parent) return [base];
  const proposal: Submission = {
    ...base,
    id: `m${i}-1`,
    code: `DVK-${year}-${pad(500_000 + i)}` as SubmissionCode,
    status: i % 2 === 0 ? "proposed" : "recognized",
    bodyCode: parent.code,
    queueBodyCode: parent.code,
    tier: parent.tier as Tier,
    parentId: base.id,
    results: { outcomes: {}, late: false, scores, attachments: [] },
    decidedAt: i % 2 === 0 ? null : at(`${year}-10-10T08:00:00`),
    version: 1,
  };
  return [base, proposal];
}

interface Seeder {
  /** One batch of rows (column → value), in one transaction. */
  write(rows: Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteSeeder(file: string): Seeder {
  const database = new Database(file);
  let insert: Database.Statement | undefined;
  return {
    async write(batch) {
      const rows = batch.map(sqliteRow);
      insert ??= database.prepare(
        `INSERT INTO "Submission" (${Object.keys(rows[0]!).map((c) => `"${c}"`)}) VALUES (${Object.keys(rows[0]!).map((c) => `@${c}`)})`,
      );
      const statement = insert;
      database.transaction(() => {
        for (const row of rows) statement.run(row);
      })();
    },
    async close() {
      database.close();
    },
  };
}

/** Multi-row INSERTs on the scenario's schema; the pg driver binds Dates and booleans as Prisma's adapter does. */
async function postgresSeeder(target: { connectionString: string; schema?: string }): Promise<Seeder> {
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  if (target.schema) await client.query(`SET search_path TO ${quoteIdentifier(target.schema)}`);
  return {
    async write(rows) {
      const columns = Object.keys(rows[0]!);
      const values: unknown[] = [];
      const tuples = rows.map((row) => {
        const start = values.length;
        for (const c of columns)
          values.push(row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c]);
        return `(${columns.map((_, k) => `$${start + k + 1}`).join(", ")})`;
      });
      await client.query(
        `INSERT INTO "Submission" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
        values,
      );
    },
    async close() {
      // What autovacuum does after a bulk load on a server: the planner's statistics.
      await client.query(`ANALYZE "Submission"`);
      await client.end();
    },
  };
}

export async function runReport(db: BenchDatabase, count: number): Promise<ReportRun> {
  const config = loadConfig({ DATABASE_URL: db.url, DATA_ENCRYPTION_KEY: BENCH_DATA_KEY, LOG_LEVEL: "warn" });
  const app = await createApp(config, createLogger("warn"));
  try {
    // Registrations land at communes and districts; a nomination goes to the parent body.
    const units = app.tree.units.filter((u) => u.tier !== "province");
    const seedStart = performance.now();
    const target = parseDatabaseUrl(db.url);
    const seeder = target.provider === "sqlite" ? sqliteSeeder(target.file) : await postgresSeeder(target);
    let written = 0;
    for (let i = 0; written < count; ) {
      const batch: Submission[] = [];
      while (batch.length < BATCH && written + batch.length < count) {
        const unit = units[i % units.length]!;
        const rows = modelRows(i++, unit, unit.parentCode ? app.tree.get(unit.parentCode) : undefined);
        batch.push(...rows.slice(0, count - written - batch.length));
      }
      await seeder.write(
        batch.map((s) => ({
          id: s.id,
          createdAt: s.createdAt,
          version: s.version,
          ...submissionColumns(app.cipher, s),
        })),
      );
      written += batch.length;
    }
    await seeder.close();
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // As /baocao reads it for an officer of the province: the province and everything below it,
    // this cycle year; individuals' own names only of the registrations the province received.
    const province = app.tree.units.find((u) => u.tier === "province")!.code;
    const scope = { bodyCode: province, from: 2026, to: 2026 };
    const profiler = await startProfile();
    const started = performance.now();
    const submissions = await reportSubmissions(app.store, app.tree, scope, [province]);
    const read = performance.now();
    const build = (rows: Iterable<ReportSubmission>) =>
      buildReport({ ...scope, submissions: rows, tree: app.tree, rulebook: app.rulebook, now: new Date(0) });
    const report = build(submissions);
    const built = performance.now();
    await profiler?.stop();
    const listStart = performance.now();
    const all = await app.store.submissions.list();
    const listSeconds = (performance.now() - listStart) / 1000;
    // The same report from every submission read whole: the narrow read must not change it.
    const whole = build(all);
    const codes = (r: typeof report) => r.list.map((row) => `${row.code} ${row.status} ${row.score}`).join();
    if (
      JSON.stringify(whole.statistics) !== JSON.stringify(report.statistics) ||
      codes(whole) !== codes(report)
    )
      throw new Error("the report from forReport() differs from the one from list()");
    return {
      submissions: all.length,
      rowsRead: submissions.length,
      models: report.list.length,
      seedSeconds,
      readSeconds: (read - started) / 1000,
      buildSeconds: (built - read) / 1000,
      totalSeconds: (built - started) / 1000,
      listSeconds,
    };
  } finally {
    await app.close();
  }
}
