// Where (a)'s database time goes on SQLite, statement by statement, for bench/PROFILE.md: runs the
// registration scenario with better-sqlite3's statements timed (nothing in src/ changes), then
// prints, per update, the time each statement took and how often it ran — Prisma's statements
// (backquoted, `main`.…) and the driver's (double-quoted, @p1…) alike.
//
//   npx tsx bench/statement-times.ts          (BENCH_USERS, default 100; 50 at a time)
import Database from "better-sqlite3";
import { createDatabase } from "./databases.ts";
import { runRegistration } from "./registration.ts";

const times = new Map<string, { count: number; ms: number }>();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  const statement = prepare.call(this, sql) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const key = sql.replace(/\s+/g, " ").trim().slice(0, 80);
  for (const method of ["run", "all", "get"]) {
    const original = statement[method]!.bind(statement);
    statement[method] = (...args: unknown[]) => {
      const started = performance.now();
      try {
        return original(...args);
      } finally {
        const entry = times.get(key) ?? { count: 0, ms: 0 };
        entry.count++;
        entry.ms += performance.now() - started;
        times.set(key, entry);
      }
    };
  }
  return statement as unknown as Database.Statement;
} as typeof prepare;

const db = createDatabase("sqlite", undefined, "statements");
const run = await runRegistration(db, { users: Number(process.env.BENCH_USERS ?? 100), concurrency: 50 });
await db.drop();
console.log(
  `${run.updates} updates, CPU ${run.cpuMsPerUpdate.toFixed(2)} ms per update (set-up included below)\n`,
);
console.log("ms/update  runs/update  µs each  statement");
for (const [sql, { count, ms }] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
  console.log(
    `${(ms / run.updates).toFixed(3).padStart(9)}  ${(count / run.updates).toFixed(2).padStart(11)}  ${((1000 * ms) / count).toFixed(0).padStart(7)}  ${sql}`,
  );
