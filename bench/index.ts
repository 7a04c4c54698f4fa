// `npm run bench`: DVK Bot against its grammY peers and its own targets (issue 8, item 3), in one
// run — (a) registration throughput through the Telegram adapter, (b) the same registration on
// @grammyjs/conversations, (c) a bare session echo bot, each on SQLite and, when
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a PostgreSQL server, on a fresh schema there;
// then (d) the nudge fan-out on a simulated clock, (e) a report over 100,000 submissions and
// (f) the place search among the country's 3,355 units, (g) the gallery search over 100,000 models
// and (h) the workspace's queue page of a province body with 10,000 submissions.
// Prints one table and writes bench/results.json. Not part of `npm test`.
//
// Environment: BENCH_USERS (1000), BENCH_CONCURRENCY (200), BENCH_OFFICERS (10000),
// BENCH_SUBMISSIONS (100000); BENCH_ONLY=a-sqlite,b-postgres,d,… runs only those (for profiling).
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { Provider } from "../src/storage/database-url.ts";
import { runConversations } from "./conversations.ts";
import { type BenchDatabase, createDatabase } from "./databases.ts";
import { runEcho } from "./echo.ts";
import { type GalleryRun, runGallery } from "./gallery.ts";
import { type NudgeRun, runNudges } from "./nudges.ts";
import { type PlacesRun, runPlaces } from "./places.ts";
import { type QueuePageRun, runQueuePage } from "./queue-page.ts";
import { type ChatRun, type Load, runRegistration } from "./registration.ts";
import { type ReportRun, runReport } from "./report.ts";
import { DEEP_STEP, FIRST_STEP, STEPS } from "./script.ts";
import { fmt, mib } from "./stats.ts";
import { atLeast, atMost, info, type Row, render } from "./table.ts";

const env = process.env;
const serverUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined;
const providers: Provider[] = serverUrl ? ["sqlite", "postgres"] : ["sqlite"];
const only = env.BENCH_ONLY?.split(",").map((s) => s.trim());
const wanted = (name: string) => !only || only.includes(name);
const load: Load = {
  users: Number(env.BENCH_USERS ?? 1000),
  concurrency: Number(env.BENCH_CONCURRENCY ?? 200),
};
const officers = Number(env.BENCH_OFFICERS ?? 10_000);
const submissionCount = Number(env.BENCH_SUBMISSIONS ?? 100_000);
/** One user at a time: the per-step cost without queueing behind 199 others. */
const alone: Load = { users: 60, concurrency: 1 };

/** Runs `scenario` on a fresh database of its own, dropped afterwards. */
async function onFresh<T>(
  provider: Provider,
  name: string,
  scenario: (db: BenchDatabase) => Promise<T>,
): Promise<T> {
  const db = createDatabase(provider, serverUrl, name);
  const started = performance.now();
  process.stdout.write(`… ${name} on ${provider}`);
  try {
    return await scenario(db);
  } finally {
    await db.drop();
    process.stdout.write(` (${fmt((performance.now() - started) / 1000, 1)} s)\n`);
  }
}

interface ProviderResults {
  a?: ChatRun;
  /** (a) with one user at a time: what an update costs with nothing queued before it. */
  aAlone?: ChatRun;
  b?: ChatRun;
  bAlone?: ChatRun;
  c?: ChatRun;
}

const started = new Date();
const loadStart = loadavg();
const results: Record<string, ProviderResults> = {};
for (const provider of providers) {
  const r: ProviderResults = {};
  results[provider] = r;
  if (wanted(`a-${provider}`)) {
    r.a = await onFresh(provider, "a", (db) => runRegistration(db, load));
    r.aAlone = await onFresh(provider, "a_alone", (db) => runRegistration(db, alone));
  }
  if (wanted(`b-${provider}`)) {
    r.b = await onFresh(provider, "b", (db) => runConversations(db, load));
    r.bAlone = await onFresh(provider, "b_alone", (db) => runConversations(db, alone));
  }
  if (wanted(`c-${provider}`)) r.c = await onFresh(provider, "c", (db) => runEcho(db, load));
}
const nudges: NudgeRun | undefined = wanted("d")
  ? await onFresh("sqlite", "d", (db) => runNudges(db, officers))
  : undefined;
const reports: Record<string, ReportRun> = {};
for (const provider of providers)
  if (wanted(`e-${provider}`) || wanted("e"))
    reports[provider] = await onFresh(provider, "e", (db) => runReport(db, submissionCount));
const places: PlacesRun | undefined = wanted("f") ? runPlaces() : undefined;
const galleryModels = Number(env.BENCH_GALLERY ?? 100_000);
const gallery: Record<string, GalleryRun> = {};
for (const provider of providers)
  if (wanted(`g-${provider}`) || wanted("g"))
    gallery[provider] = await onFresh(provider, "g", (db) => runGallery(db, galleryModels));
const queuePage: QueuePageRun | undefined = wanted("h")
  ? await onFresh("sqlite", "h", (db) => runQueuePage(db))
  : undefined;
const finished = new Date();

// ---------------------------------------------------------------------------------- the table

const rows: Row[] = [];
const ms = " ms";
const steps = (run: ChatRun, which: number[]) =>
  `${which.map((n) => fmt(run.stepMeansMs[n - 1]!, 1)).join(" → ")}${ms}`;
const check = (run: ChatRun, expected: number, label: string) => {
  if (run.completed !== expected)
    rows.push(info(`${label} WARNING: completed`, `${run.completed}/${expected}`));
};
for (const provider of providers) {
  const { a, aAlone, b, bAlone, c } = results[provider]!;
  const on = `[${provider}]`;
  if (a) {
    check(a, load.users, `(a) ${on}`);
    rows.push(
      atLeast(
        `(a) DVK Bot registration: updates/s, ${load.concurrency} in flight ${on}`,
        a.updatesPerSecond,
        1000,
        "",
        0,
      ),
      atMost(`(a) CPU per update ${on}`, a.cpuMsPerUpdate, 1.2, ms, 2),
      info(
        `(a) latency p50 / p95 / p99 ${on}`,
        `${fmt(a.latencyMs.p50, 1)} / ${fmt(a.latencyMs.p95, 1)} / ${fmt(a.latencyMs.p99, 1)}${ms}`,
      ),
      info(
        `(a) loaded: step ${FIRST_STEP} → ${DEEP_STEP} → ${STEPS - 1} → ${STEPS} mean ${on}`,
        steps(a, [FIRST_STEP, DEEP_STEP, STEPS - 1, STEPS]),
      ),
    );
    if (aAlone)
      rows.push(
        atMost(`(a) alone (one user at a time): p99 ${on}`, aAlone.latencyMs.p99, 5, ms, 2),
        atMost(
          `(a) alone: step ${DEEP_STEP} vs step ${FIRST_STEP} mean ${on}`,
          aAlone.stepMeansMs[DEEP_STEP - 1]!,
          aAlone.stepMeansMs[FIRST_STEP - 1]!,
          ms,
          2,
        ),
        info(
          `(a) alone: step ${STEPS - 1} (+ review) → ${STEPS} (submit) mean ${on}`,
          steps(aAlone, [STEPS - 1, STEPS]),
        ),
        info(
          `(a) alone: p50; updates/s; CPU per update ${on}`,
          `${fmt(aAlone.latencyMs.p50, 2)}${ms}; ${fmt(aAlone.updatesPerSecond, 0)}; ${fmt(aAlone.cpuMsPerUpdate, 2)}${ms}`,
        ),
      );
    rows.push(
      info(`(a) API calls per update ${on}`, fmt(a.apiCallsPerUpdate, 2)),
      info(`(a) peak RSS ${on}`, `${fmt(a.peakRssMiB, 0)} MiB`),
      info(
        `(a) database size after ${fmt(load.users, 0)} registrations ${on}`,
        `${fmt(mib(a.dbBytes), 1)} MiB`,
      ),
    );
  }
  if (b) {
    check(b, load.users, `(b) ${on}`);
    rows.push(
      info(`(b) conversations peer: updates/s ${on}`, fmt(b.updatesPerSecond, 0)),
      info(`(b) latency p50 / p99 ${on}`, `${fmt(b.latencyMs.p50, 1)} / ${fmt(b.latencyMs.p99, 1)}${ms}`),
      info(
        `(b) loaded: step ${FIRST_STEP} → ${DEEP_STEP} → ${STEPS - 1} → ${STEPS} mean ${on}`,
        steps(b, [FIRST_STEP, DEEP_STEP, STEPS - 1, STEPS]),
      ),
      ...(bAlone
        ? [
            info(
              `(b) alone: step ${FIRST_STEP} → ${DEEP_STEP} → ${STEPS - 1} → ${STEPS} mean ${on}`,
              steps(bAlone, [FIRST_STEP, DEEP_STEP, STEPS - 1, STEPS]),
            ),
            info(`(b) alone: CPU per update ${on}`, `${fmt(bAlone.cpuMsPerUpdate, 2)}${ms}`),
          ]
        : []),
      info(
        `(b) CPU per update, peak RSS, DB size ${on}`,
        `${fmt(b.cpuMsPerUpdate, 2)}${ms}, ${fmt(b.peakRssMiB, 0)} MiB, ${fmt(mib(b.dbBytes), 1)} MiB`,
      ),
    );
  }
  if (c) {
    check(c, load.users, `(c) ${on}`);
    rows.push(
      info(`(c) session echo ceiling: updates/s ${on}`, fmt(c.updatesPerSecond, 0)),
      info(`(c) latency p50 / p99 ${on}`, `${fmt(c.latencyMs.p50, 1)} / ${fmt(c.latencyMs.p99, 1)}${ms}`),
      info(
        `(c) CPU per update, peak RSS, DB size ${on}`,
        `${fmt(c.cpuMsPerUpdate, 2)}${ms}, ${fmt(c.peakRssMiB, 0)} MiB, ${fmt(mib(c.dbBytes), 1)} MiB`,
      ),
    );
  }
  if (a && b)
    rows.push(atLeast(`(a)/(b) throughput ${on}`, a.updatesPerSecond / b.updatesPerSecond, 1.5, "", 2));
  if (a && c) rows.push(info(`(a)/(c) throughput ${on}`, fmt(a.updatesPerSecond / c.updatesPerSecond, 2)));
}
if (nudges) {
  const n = nudges;
  rows.push(
    info("(d) nudges queued / sent", `${n.queued} / ${n.sent} of ${n.officers}`),
    atMost("(d) simulated fan-out time", n.simulatedSeconds, n.floorSeconds * 1.05, " s", 1),
    info(
      "(d) floor at 30 msg/s; time vs floor",
      `${fmt(n.floorSeconds, 1)} s; ${fmt((100 * n.simulatedSeconds) / n.floorSeconds, 1)}%`,
    ),
    info("(d) most messages in any simulated second", String(n.maxPerSecond)),
    atMost("(d) duplicate messages", n.duplicates, 0, "", 0),
    info(
      "(d) real time: seed, queue, dispatch",
      `${fmt(n.realSeconds.seed, 1)} / ${fmt(n.realSeconds.queue, 1)} / ${fmt(n.realSeconds.dispatch, 1)} s`,
    ),
  );
}
for (const [provider, report] of Object.entries(reports)) {
  rows.push(
    atMost(
      `(e) province report over ${fmt(report.submissions, 0)} submissions [${provider}]`,
      report.totalSeconds,
      2,
      " s",
      2,
    ),
    info(
      `(e) of which forReport() / buildReport [${provider}]`,
      `${fmt(report.readSeconds, 2)} / ${fmt(report.buildSeconds, 2)} s`,
    ),
    info(
      `(e) reading with list() instead (all columns, ordered) [${provider}]`,
      `${fmt(report.listSeconds, 2)} s`,
    ),
    info(
      `(e) models in the report; rows read; seeding time [${provider}]`,
      `${fmt(report.models, 0)}; ${fmt(report.rowsRead, 0)}; ${fmt(report.seedSeconds, 1)} s`,
    ),
  );
}

if (places) {
  rows.push(
    atMost(`(f) place search among ${fmt(places.units, 0)} units, p95`, places.p95Ms, 5, ms, 2),
    info(
      "(f) mean / max per search; index built once",
      `${fmt(places.meanMs, 2)} / ${fmt(places.maxMs, 2)}${ms}; ${fmt(places.indexMs, 0)}${ms}`,
    ),
  );
}

for (const [provider, g] of Object.entries(gallery))
  rows.push(
    atMost(`(g) gallery search over ${fmt(g.models, 0)} models, p95 [${provider}]`, g.p95Ms, 100, ms, 1),
    info(
      `(g) mean / max; slowest kind; seeding [${provider}]`,
      `${fmt(g.meanMs, 1)} / ${fmt(g.maxMs, 1)}${ms}; ${g.slowest}; ${fmt(g.seedSeconds, 1)} s`,
    ),
  );
if (queuePage) {
  rows.push(
    atMost(
      `(h) workspace queue page, province body, ${fmt(queuePage.submissions, 0)} submissions, p95`,
      queuePage.pageP95Ms,
      200,
      ms,
      1,
    ),
    atMost("(h) the same page searching names or codes, p95", queuePage.searchP95Ms, 200, ms, 1),
    info(
      "(h) mean page / search; requests",
      `${fmt(queuePage.pageMeanMs, 1)} / ${fmt(queuePage.searchMeanMs, 1)}${ms}; ${queuePage.requests}`,
    ),
  );
}

const totalSeconds = (finished.getTime() - started.getTime()) / 1000;
const loadEnd = loadavg();
const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model ?? "unknown",
  node: process.version,
  loadAverageStart: loadStart.map((l) => Number(l.toFixed(2))),
  loadAverageEnd: loadEnd.map((l) => Number(l.toFixed(2))),
};
console.log(
  `\nDVK Bot benchmark — ${load.users} users × ${STEPS} updates, ${load.concurrency} at a time; ${machine.cpus} × ${machine.model}, Node ${machine.node}; load average ${machine.loadAverageStart[0]} → ${machine.loadAverageEnd[0]}\n`,
);
console.log(render(rows));
console.log(
  `\nLatencies are per update with ${load.concurrency} users waiting on answers (a closed loop): the mean is about ${load.concurrency} ÷ throughput.` +
    `\nTotal run time ${fmt(totalSeconds, 0)} s. Results: bench/results.json; where the time goes: bench/PROFILE.md.`,
);
writeFileSync(
  join(import.meta.dirname, "results.json"),
  `${JSON.stringify(
    {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      totalSeconds,
      machine,
      load,
      steps: STEPS,
      results,
      nudges,
      reports,
      places,
      gallery,
      queuePage,
      table: rows,
    },
    null,
    2,
  )}\n`,
);
