// (g) The officers' workspace's queue page of a province body with 10,000 submissions in its
// queue (registrations of bodies all over its subtree, forwarded to it), on SQLite: seeded as (e)
// seeds, then pages asked for through the workspace's own fetch handler, with a session, and
// timed from the request to the last byte of the HTML (server time; no network).
import { createHash, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/application/logger.ts";
import { loadConfig } from "../src/config.ts";
import { parseDatabaseUrl } from "../src/storage/database-url.ts";
import { submissionColumns } from "../src/storage/repositories/submission-rows.ts";
import { createWorkspace } from "../src/web/workspace/app.ts";
import { hashSessionId } from "../src/web/workspace/session.ts";
import { BENCH_DATA_KEY, type BenchDatabase } from "./databases.ts";
import { modelRows, sqliteRow } from "./report.ts";
import { mean, percentile } from "./stats.ts";

export interface QueuePageRun {
  submissions: number;
  requests: number;
  /** The default page (pending, oldest first) and filtered, sorted and paged ones. */
  pageP95Ms: number;
  pageMeanMs: number;
  /** Searches by words of a name (diacritics-insensitive) or by code. */
  searchP95Ms: number;
  searchMeanMs: number;
}

/** What officers ask for: the default page, filters, sorts, later pages; and searches. */
const PAGES = [
  "/app/queue",
  "/app/queue?status=all",
  "/app/queue?field=economy",
  "/app/queue?status=all&sort=newest&page=40",
  "/app/queue?status=accepted&sort=score",
  "/app/queue?late=yes&cycle=2026",
  "/app/queue?status=all&tier=district&sort=code&page=3",
];
const SEARCHES = ["don vi so 12", "đơn vị số 4", "to tu quan", "DVK-2026-0001", "khong co gi"];

export async function runQueuePage(db: BenchDatabase, count = 10_000, rounds = 30): Promise<QueuePageRun> {
  const config = loadConfig({ DATABASE_URL: db.url, DATA_ENCRYPTION_KEY: BENCH_DATA_KEY, LOG_LEVEL: "warn" });
  const app = await createApp(config, createLogger("warn"));
  try {
    const province = app.tree.units.find((u) => u.tier === "province")!;
    const below = app.tree.units.filter((u) => u.tier !== "province");
    const target = parseDatabaseUrl(db.url);
    if (target.provider !== "sqlite") throw new Error("the queue page scenario seeds SQLite only");
    const seeder = new Database(target.file);
    const rows = Array.from({ length: count }, (_, i) => {
      const [s] = modelRows(i, below[i % below.length]!, undefined);
      const forwarded = {
        ...s!,
        queueBodyCode: province.code,
        viaBodyCode: s!.bodyCode,
        tier: province.tier,
      };
      return sqliteRow({
        id: forwarded.id,
        createdAt: forwarded.createdAt,
        version: forwarded.version,
        ...submissionColumns(app.cipher, forwarded),
      });
    });
    const insert = seeder.prepare(
      `INSERT INTO "Submission" (${Object.keys(rows[0]!).map((c) => `"${c}"`)}) VALUES (${Object.keys(rows[0]!).map((c) => `@${c}`)})`,
    );
    seeder.transaction(() => {
      for (const row of rows) insert.run(row);
    })();
    seeder.close();

    // An officer of the province body, signed in.
    const { person } = await app.store.people.identify({
      channel: "telegram",
      externalId: "bench-officer",
      chatId: "bench-officer",
      displayName: "Cán bộ",
      language: "vi",
      at: new Date(),
    });
    await app.store.memberships.add({ personId: person.id, bodyCode: province.code, role: "officer" });
    const sessionId = createHash("sha256").update(randomUUID()).digest("base64url");
    const now = new Date();
    await app.store.web.createSession({
      idHash: hashSessionId(sessionId),
      personId: person.id,
      csrf: "bench-csrf-token",
      via: "link",
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 12 * 3_600_000),
    });
    const workspace = createWorkspace({
      store: app.store,
      translator: app.translator,
      rulebook: app.rulebook,
      tree: app.tree,
      logger: app.logger,
      clock: () => new Date(),
      adapters: [],
      miniApps: [],
      afterChange: () => {},
    });
    const cookie = `dvk_session=${sessionId}`;
    const timed = async (request: () => Request): Promise<number> => {
      const started = performance.now();
      const res = await workspace.fetch(request());
      const body = await res.text();
      const ms = performance.now() - started;
      if (res.status !== 200 || !body.includes("Hàng đợi hồ sơ"))
        throw new Error(`queue page answered ${res.status}`);
      return ms;
    };
    const page = (path: string) => () => new Request(`http://bench${path}`, { headers: { cookie } });
    const search = (q: string) => () =>
      new Request("http://bench/app/queue", {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: "bench-csrf-token", q, status: "all" }),
      });
    // Warm up (the first request loads the templates' code and the database's pages).
    for (const path of PAGES) await timed(page(path));
    const pages: number[] = [];
    const searches: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const path of PAGES) pages.push(await timed(page(path)));
      for (const q of SEARCHES) searches.push(await timed(search(q)));
    }
    return {
      submissions: count,
      requests: pages.length + searches.length,
      pageP95Ms: percentile(pages, 95),
      pageMeanMs: mean(pages),
      searchP95Ms: percentile(searches, 95),
      searchMeanMs: mean(searches),
    };
  } finally {
    await app.close();
  }
}
