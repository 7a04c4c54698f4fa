import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/client.ts";
import { testCipher } from "../support/data-key.ts";
import { databaseKinds, useStore } from "./databases.ts";
import { minutesAfter, T0 } from "./fixtures.ts";

const run = promisify(execFile);

describe.each(databaseKinds)("notifications on $provider", (kind) => {
  const db = useStore(kind, { perTest: true });
  const notifications = () => db.store().notifications;
  let sequence = 0;
  const enqueue = (notBefore = T0, personId = "p-1") =>
    notifications().enqueue({
      dedupeKey: `key-${++sequence}`,
      personId,
      kind: "new_arrival",
      payload: { code: "DVK-2026-000001", n: sequence },
      notBefore,
    });
  const at = (minutes: number) => minutesAfter(T0, minutes);
  const claimAll = (now: Date, worker = "w", lease = 5) =>
    notifications().claimDue(now, worker, minutesAfter(now, lease), 1000);

  it("enqueues once per dedupe key", async () => {
    const input = { dedupeKey: "once", personId: "p-1", kind: "nudge", payload: { a: [1] }, notBefore: T0 };
    expect(await notifications().enqueue(input)).toBe(true);
    expect(await notifications().enqueue({ ...input, payload: { a: [2] } })).toBe(false);
    expect(await notifications().list({ kind: "nudge" })).toHaveLength(1);
    expect(await notifications().byKey("once")).toMatchObject({
      dedupeKey: "once",
      personId: "p-1",
      kind: "nudge",
      payload: { a: [1] },
      status: "pending",
      attempts: 0,
      notBefore: T0,
      sentAt: null,
      sentChannel: null,
      lastError: null,
    });
    expect(await notifications().byKey("never")).toBeNull();
  });

  const delivery = (key: string) => ({
    source: "telegram:1",
    key,
    channel: "telegram",
    chatId: "c-1",
    seq: 1,
    payload: {},
    receivedAt: T0,
  });

  it("a duplicate enqueue inside a transaction leaves the transaction usable", async () => {
    const input = { dedupeKey: "in-tx", personId: "p-1", kind: "nudge", payload: {}, notBefore: T0 };
    await notifications().enqueue(input);
    await db.store().transaction(async (repos) => {
      expect(await repos.notifications.enqueue(input)).toBe(false);
      expect(await repos.inbox.receive(delivery("after-duplicate"), T0)).toBe(true);
    });
    expect((await db.store().inbox.pending("telegram", "c-1", 10)).map((i) => i.key)).toEqual([
      "after-duplicate",
    ]);
  });

  it("claims due rows only, leases them, and counts attempts", async () => {
    await enqueue(at(0));
    await enqueue(at(30));
    const claimed = await claimAll(at(10));
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ attempts: 1, status: "pending", notBefore: at(0) });
    // Leased: not claimable again until the lease runs out.
    expect(await claimAll(at(12), "other")).toEqual([]);
    const reclaimed = await claimAll(at(20), "other");
    expect(reclaimed.map((n) => n.id)).toEqual([claimed[0]!.id]);
    expect(reclaimed[0]?.attempts).toBe(2);
  });

  it("claims at most the limit, oldest first", async () => {
    await enqueue(at(3));
    await enqueue(at(1));
    await enqueue(at(2));
    const claimed = await notifications().claimDue(at(10), "w", at(20), 2);
    expect(claimed.map((n) => n.notBefore)).toEqual([at(1), at(2)]);
  });

  it("marks sent, failed (retried later) and undeliverable", async () => {
    await enqueue(at(0));
    await enqueue(at(0));
    await enqueue(at(0));
    const [sent, failed, dead] = await claimAll(at(0));
    await notifications().markSent(sent!.id, "telegram", at(0));
    await notifications().markFailed(failed!.id, "429 Too Many Requests", at(30));
    await notifications().markUndeliverable(dead!.id, "403 bot blocked");

    expect(await notifications().byKey(sent!.dedupeKey)).toMatchObject({
      status: "sent",
      sentAt: at(0),
      sentChannel: "telegram",
    });
    expect(await notifications().byKey(failed!.dedupeKey)).toMatchObject({
      status: "pending",
      notBefore: at(30),
      lastError: "429 Too Many Requests",
    });
    expect(await notifications().byKey(dead!.dedupeKey)).toMatchObject({
      status: "undeliverable",
      lastError: "403 bot blocked",
    });
    // The failed one comes back (lease released) at its retry time, and only then.
    expect(await claimAll(at(10))).toEqual([]);
    expect((await claimAll(at(30))).map((n) => n.id)).toEqual([failed!.id]);
  });

  it("lists by person and status", async () => {
    await enqueue(at(0), "lister");
    await enqueue(at(0), "lister");
    const [one] = await claimAll(at(0));
    await notifications().markSent(one!.id, "zalo", at(0));
    expect(await notifications().list({ personId: "lister" })).toHaveLength(2);
    expect((await notifications().list({ personId: "lister", status: "sent" })).map((n) => n.id)).toEqual([
      one!.id,
    ]);
  });

  it("never gives one notification to two concurrent claimers of one process", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const id = `c-${i}`;
      await notifications().enqueue({
        dedupeKey: id,
        personId: "c",
        kind: "k",
        payload: i,
        notBefore: at(0),
      });
      ids.add((await notifications().byKey(id))!.id);
    }
    const second = await openStore(db.url(), { cipher: testCipher() });
    try {
      const now = at(0);
      const batches = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? second : db.store()).notifications.claimDue(now, `w${i}`, at(60), 7),
        ),
      );
      const claimed = batches.flat().map((n) => n.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.every((id) => ids.has(id))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("never gives one notification to two worker processes", { timeout: 60_000 }, async () => {
    for (let i = 0; i < 60; i++) {
      await notifications().enqueue({
        dedupeKey: `proc-${i}`,
        personId: "proc",
        kind: "k",
        payload: i,
        notBefore: at(0),
      });
    }
    const worker = (name: string) =>
      run(
        process.execPath,
        ["--import", "tsx", join(import.meta.dirname, "claim-worker.ts"), db.url(), name],
        {
          cwd: join(import.meta.dirname, "../.."),
        },
      ).then(({ stdout }) => JSON.parse(stdout) as string[]);
    const [a, b] = await Promise.all([worker("A"), worker("B")]);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set([...a, ...b]).size).toBe(60);
  });
});
