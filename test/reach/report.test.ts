import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/application/delivery/policy.ts";
import { loadConfig } from "../../src/config.ts";
import type { DeliveryAttempt } from "../../src/domain/ports.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { runDvk } from "../support/cli.ts";
import { TEST_DATA_KEY } from "../support/data-key.ts";
import { vn } from "../support/fixtures.ts";

/** Runs the command line on the test's database; what it printed. */
async function dvk(url: string, args: string[]): Promise<{ code: number; out: string }> {
  const { code, out, err } = await runDvk(args, { DATABASE_URL: url, DATA_ENCRYPTION_KEY: TEST_DATA_KEY });
  return { code, out: [out, err].filter(Boolean).join("\n") };
}

describe.each(databaseKinds)("deliveries report on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });

  it("prints per channel the month's sent, refused and unreached messages and the templates' cost", async () => {
    const a = app();
    const seeded: { id: string; attempts: Omit<DeliveryAttempt, "notificationId">[]; unreached?: Date }[] =
      [];
    const attempt = (way: string, result: DeliveryAttempt["result"], at: Date, costVnd = 0) => ({
      kind: "decision",
      way,
      result,
      reason: result === "sent" ? null : "x",
      costVnd,
      at,
    });
    const march = vn("2026-03-10T10:00:00");
    // Three template messages (200 VND each), two Telegram messages, one refused Telegram try.
    seeded.push({
      id: "a",
      attempts: [
        attempt("telegram", "refused_for_good", march),
        attempt("zalo-template", "sent", march, 200),
      ],
    });
    seeded.push({ id: "b", attempts: [attempt("zalo-template", "sent", march, 200)] });
    seeded.push({ id: "c", attempts: [attempt("zalo-template", "sent", vn("2026-03-31T23:30:00"), 200)] });
    seeded.push({
      id: "d",
      attempts: [attempt("telegram", "sent", march), attempt("telegram", "sent", march)],
    });
    // Reached nobody: Zalo OA outside the window, e-mail refused, then unreached.
    seeded.push({
      id: "e",
      attempts: [attempt("zalo-oa", "refused_for_now", march), attempt("email", "refused_for_good", march)],
      unreached: vn("2026-03-12T10:00:00"),
    });
    // Just outside March in Vietnam's time (28/2 16:30 and 31/3 17:30 in UTC): other months.
    seeded.push({ id: "f", attempts: [attempt("zalo-template", "sent", vn("2026-02-28T23:30:00"), 200)] });
    seeded.push({ id: "g", attempts: [attempt("zalo-template", "sent", vn("2026-04-01T00:30:00"), 200)] });
    for (const s of seeded) {
      await a.store.notifications.enqueue({
        dedupeKey: s.id,
        personId: "p",
        kind: "decision",
        payload: { kind: "decision", submissionId: "none", action: "accept", reason: null },
        notBefore: march,
      });
      const n = (await a.store.notifications.byKey(s.id))!;
      await a.store.deliveries.record(s.attempts.map((t) => ({ ...t, notificationId: n.id })));
      if (s.unreached) await a.store.notifications.markUnreached(n.id, "nobody", s.unreached);
    }

    const json = await dvk(a.url, ["deliveries", "report", "--month", "2026-03", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      month: "2026-03",
      ways: [
        { way: "email", sent: 0, refused: 1, failed: 0, unreached: 1, costVnd: 0 },
        { way: "telegram", sent: 2, refused: 1, failed: 0, unreached: 0, costVnd: 0 },
        { way: "zalo-oa", sent: 0, refused: 1, failed: 0, unreached: 1, costVnd: 0 },
        { way: "zalo-template", sent: 3, refused: 0, failed: 0, unreached: 0, costVnd: 600 },
      ],
      templates: { sent: 3, costVnd: 600 },
      unreached: 1,
    });
    const text = await dvk(a.url, ["deliveries", "report", "--month", "2026-03"]);
    expect(text.out).toContain("zalo-template\t3\t0\t0\t0\t600 VND");
    expect(text.out).toContain("Template messages: 3, cost 600 VND");
    expect(text.out).toContain("Notifications that reached nobody: 1");
    expect((await dvk(a.url, ["deliveries", "report", "--month", "March"])).code).toBe(2);
  });
});

describe("the delivery policy's configuration", () => {
  it("keeps the defaults for kinds left out and names a bad path", () => {
    const policy = parsePolicy(
      { decision: { ways: ["email", "last_channel"], reachWithinHours: 6 } },
      "p.json",
    );
    expect(policy.decision).toEqual({ ways: ["email", "last_channel"], reachWithinHours: 6 });
    expect(policy.nudge_digest.ways).toEqual(["last_channel", "other_channels", "email", "zalo_template"]);
    expect(() => parsePolicy({ decision: { ways: ["pigeon"] } }, "p.json")).toThrow(
      /p\.json: decision\.ways\.0/,
    );
    expect(() => parsePolicy({ decison: {} }, "p.json")).toThrow(/p\.json/);
  });

  it("refuses templates without the Zalo OA, a bad window and e-mail without a sender, naming the variable", () => {
    expect(() => loadConfig({ ZALO_ZBS_TEMPLATES: "config/zbs-templates.example.json" })).toThrow(
      /ZALO_ZBS_TEMPLATES: .*ZALO_OA_/,
    );
    expect(() => loadConfig({ ZALO_OA_WINDOW_HOURS: "0" })).toThrow(/ZALO_OA_WINDOW_HOURS/);
    expect(() => loadConfig({ SMTP_URL: "smtp://127.0.0.1:25" })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ DELIVERY_POLICY: "/nonexistent.json" })).toThrow(/DELIVERY_POLICY/);
    expect(loadConfig({ ZALO_OA_WINDOW_HOURS: "24" }).outside.windowHours).toEqual({ "zalo-oa": 24 });
  });
});
