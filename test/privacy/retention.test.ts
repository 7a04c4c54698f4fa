// Retention: a draft untouched for the rulebook's months is reminded a week before and then
// deleted; sessions, processed-update keys and delivered payloads go after their days.
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/application/i18n.ts";
import { runRetention } from "../../src/application/services/retention.ts";
import { run } from "../../src/cli/index.ts";
import { draftExpiryViews, type NotificationPayload } from "../../src/dialogs/notifications.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { vn } from "../support/fixtures.ts";

const DAY = 86_400_000;

describe.each(databaseKinds)("retention on $provider", (kind) => {
  const app = useApp(kind, { now: vn("2026-03-10T09:00:00"), perTest: true });

  it("reminds of an untouched draft a week before its twelve months, once, then deletes it", async () => {
    const a = app();
    await a.send("late", "/dangky");
    await a.send("late", "Kinh tế");
    const [draft] = await a.store.submissions.list();
    expect(draft?.status).toBe("draft");
    const started = draft!.updatedAt;

    const early = await runRetention(a.store, a.rulebook, new Date(started.getTime() + 300 * DAY));
    expect(early).toMatchObject({ reminded: 0, draftsDeleted: 0 });

    const weekBefore = new Date(vn("2027-03-04T09:00:00"));
    expect(await runRetention(a.store, a.rulebook, weekBefore)).toMatchObject({
      reminded: 1,
      draftsDeleted: 0,
    });
    expect(await runRetention(a.store, a.rulebook, weekBefore)).toMatchObject({ reminded: 0 });
    const [reminder] = await a.store.notifications.list({ kind: "draft_expiry" });
    expect(reminder?.personId).toBe(draft!.registrantId);
    const translator = createTranslator(a.rulebook);
    const views = draftExpiryViews(
      draft!,
      reminder!.payload as Extract<NotificationPayload, { kind: "draft_expiry" }>,
      a.rulebook.timeZone,
    );
    expect(translator.text("vi", views![0]!.text[0]!)).toContain(
      "bot sẽ xoá bản nháp này vào ngày 10/03/2027",
    );

    const after = await runRetention(a.store, a.rulebook, vn("2027-03-11T09:00:00"));
    expect(after.draftsDeleted).toBe(1);
    expect(await a.store.submissions.get(draft!.id)).toBeNull();
    const trail = await a.store.privacyLog.list({ action: "retention.prune" });
    expect(trail.map((e) => e.detail.draftsDeleted)).toContain(1);
  });

  it("keeps a draft touched meanwhile, and drops sessions, processed updates and delivered payloads after their days", async () => {
    const a = app();
    await a.send("chat", "/trogiup");
    expect(await a.store.dialogs.load("test", "chat")).not.toBeNull();
    await a.store.notifications.enqueue({
      dedupeKey: "k1",
      personId: "p",
      kind: "decision",
      payload: { kind: "decision", submissionId: "s", action: "accept", reason: "Gọi 0912 345 678" },
      notBefore: new Date(),
    });
    const [n] = await a.store.notifications.list();
    await a.store.notifications.markSent(n!.id, "test", new Date());
    await a.store.rateLimits.take("test:chat", new Date(), { perSecond: 1, burst: 10 });
    const now = new Date(Date.now() + 31 * DAY);
    const pass = await runRetention(a.store, a.rulebook, now);
    expect(pass.sessions).toBeGreaterThanOrEqual(1);
    expect(pass.processedUpdates).toBeGreaterThanOrEqual(1);
    expect(pass.notificationPayloads).toBe(1);
    expect(pass.rateBuckets).toBe(1);
    expect(await a.store.dialogs.load("test", "chat")).toBeNull();
    expect((await a.store.notifications.byKey("k1"))?.payload).toEqual({});
  });

  it("runs one pass from the command line at a given clock", async () => {
    const a = app();
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: a.url, LOG_LEVEL: "silent" });
    const out: string[] = [];
    try {
      const code = await run(["data", "prune", "--now", "2027-06-01T08:00:00+07:00"], {
        out: (t) => out.push(t),
        err: (t) => out.push(t),
      });
      expect(code).toBe(0);
    } finally {
      process.env = saved;
    }
    expect(out.join("\n")).toMatch(/^Drafts deleted: \d+; reminded: \d+\./);
    const bad = await run(["data", "prune"], { out: () => {}, err: (t) => out.push(t) });
    expect(bad).toBe(2);
    expect(out.join("\n")).toContain("--now must be an ISO time");
  });
});
