// Timing spans for (a) on SQLite, for bench/PROFILE.md: runs the registration scenario with
// better-sqlite3 and Prisma's SQLite adapter instrumented (nothing in src/ changes), then prints
// the SQL statements per update and how long the adapter's transaction lock — one connection,
// one transaction at a time — is waited for and held; then times, one call at a time on the
// populated database, each store call an update of the registration makes.
//
//   npx tsx bench/profile-sqlite.ts            (BENCH_USERS, BENCH_CONCURRENCY as for the bench)

import { randomUUID } from "node:crypto";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { saveDraft } from "../src/application/services/submissions.ts";
import { openStore } from "../src/storage/index.ts";
import { createDatabase } from "./databases.ts";
import { FIRST_USER_ID } from "./harness.ts";
import { runRegistration } from "./registration.ts";
import { fmt, mean, percentile } from "./stats.ts";

interface Transaction {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
interface Adapter {
  startTransaction(...args: unknown[]): Promise<Transaction>;
}

// Every statement the adapter runs is prepared anew (it keeps no statement cache): count them.
const statements = new Map<string, number>();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  const key = sql
    .replace(/\s+/g, " ")
    .replace(/`main`\./g, "")
    .trim()
    .slice(0, 90);
  statements.set(key, (statements.get(key) ?? 0) + 1);
  return prepare.call(this, sql);
} as typeof prepare;

// The adapter's transactions: time to get the lock, and time from BEGIN to COMMIT/ROLLBACK.
const waited: number[] = [];
const held: number[] = [];
let firstLock = 0;
let lastUnlock = 0;
const factory = PrismaBetterSqlite3.prototype as unknown as { connect(): Promise<Adapter> };
const connect = factory.connect;
factory.connect = async function (this: unknown) {
  const adapter = await connect.call(this);
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => {
    const asked = performance.now();
    const tx = await start(...args);
    const got = performance.now();
    firstLock ||= got;
    waited.push(got - asked);
    const end = (finish: () => Promise<void>) => () => {
      lastUnlock = performance.now();
      held.push(lastUnlock - got);
      return finish();
    };
    tx.commit = end(tx.commit.bind(tx));
    tx.rollback = end(tx.rollback.bind(tx));
    return tx;
  };
  return adapter;
};

const load = {
  users: Number(process.env.BENCH_USERS ?? 400),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 200),
};
const db = createDatabase("sqlite", undefined, "profile");
try {
  const run = await runRegistration(db, load);
  const per = (n: number) => fmt(n / run.updates, 2).padStart(6);
  console.log(
    `${load.users} users × 29, ${load.concurrency} at a time: ${fmt(run.updatesPerSecond, 0)} updates/s, p50 ${fmt(run.latencyMs.p50, 1)} ms, CPU ${fmt(run.cpuMsPerUpdate, 2)} ms/update\n`,
  );
  console.log("statements per update (setup and migrations included, hence the small fractions):");
  let total = 0;
  for (const [sql, n] of [...statements].sort((a, b) => b[1] - a[1])) {
    total += n;
    if (n / run.updates >= 0.02) console.log(`${per(n)}  ${sql}`);
  }
  console.log(`${per(total)}  in all\n`);
  const busy = held.reduce((s, v) => s + v, 0) / (lastUnlock - firstLock);
  console.log(
    `transactions: ${fmt(held.length / run.updates, 2)} per update; lock held mean ${fmt(mean(held), 2)} ms, p50 ${fmt(percentile(held, 50), 2)}, p99 ${fmt(percentile(held, 99), 2)}; ` +
      `waited for mean ${fmt(mean(waited), 1)} ms; lock busy ${fmt(100 * busy, 1)}% of the run → at most ${fmt(1000 / mean(held), 0)} transactions/s`,
  );
  await storeCalls(db.url);
} finally {
  await db.drop();
}

/** Mean wall time of each store call an ordinary registration step makes, called alone. */
async function storeCalls(url: string): Promise<void> {
  const store = await openStore(url);
  try {
    const [submission] = await store.submissions.list({ status: "submitted" });
    if (!submission) throw new Error("no registration to profile with");
    const user = String(FIRST_USER_ID);
    const draft = { ...submission, id: randomUUID(), status: "draft" as const, code: null, version: 0 };
    await store.submissions.create(draft);
    // A session the size of one deep in a registration: the whole draft travels in it.
    const state = {
      v: 1,
      nonce: 27,
      page: 0,
      flow: { name: "registration", draft, step: "score:impact" },
      suspended: null,
    };
    let version = 0;
    let key = 0;
    const calls: [string, () => Promise<unknown>][] = [
      ["BEGIN + COMMIT of an empty store.transaction", () => store.transaction(async () => {})],
      [
        "inbox.receive",
        () =>
          store.inbox.receive(
            {
              source: "telegram:1",
              key: `profile-${key++}`,
              channel: "telegram",
              chatId: user,
              seq: key,
              payload: {},
              receivedAt: new Date(),
            },
            new Date(Date.now() - 172_800_000),
          ),
      ],
      [
        "people.identify (a known, active user; in its own transaction here)",
        () =>
          store.people.identify({
            channel: "telegram",
            externalId: user,
            chatId: user,
            displayName: "Người dùng số 0",
            language: "vi",
            at: new Date(),
          }),
      ],
      [
        "memberships.ofPerson (only for steps that need roles)",
        () => store.memberships.ofPerson(submission.registrantId),
      ],
      [
        "the save_draft effect (saveDraft of services/submissions.ts)",
        () => saveDraft(store, draft, draft.registrantId),
      ],
      [
        "dialogs.save",
        async () => (await store.dialogs.save("telegram", "profile", state, version)) && version++,
      ],
      ["dialogs.load (session of a deep step)", () => store.dialogs.load("telegram", "profile")],
      [
        "notifications.claimDue (empty outbox: UPDATE + SELECT)",
        () => store.notifications.claimDue(new Date(), "profile", new Date(Date.now() + 60_000), 50),
      ],
    ];
    console.log("\nstore calls, one at a time (mean of 2,000 after 300 to warm up):");
    for (const [name, call] of calls) {
      for (let i = 0; i < 300; i++) await call();
      const started = performance.now();
      for (let i = 0; i < 2000; i++) await call();
      const ms = (performance.now() - started) / 2000;
      console.log(`${fmt(ms, 3).padStart(7)} ms  ${name}`);
    }
  } finally {
    await store.close();
  }
}
