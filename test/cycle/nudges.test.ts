import { describe, expect, it } from "vitest";
import type { Courier } from "../../src/application/delivery/courier.ts";
import { createDispatcher } from "../../src/application/delivery/dispatcher.ts";
import { RateLimiter } from "../../src/application/delivery/rate-limiter.ts";
import { createLogger } from "../../src/application/logger.ts";
import { queueNudges } from "../../src/application/services/nudges.ts";
import { addDays, deadline, localTime, zonedInstant } from "../../src/domain/calendar.ts";
import type { Status } from "../../src/domain/types.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { completeDraft, threeTier } from "../support/fixtures.ts";

interface Sent {
  chatId: string;
  at: Date;
  text: string;
}

const BODIES = ["NB", "NB-TP", "NB-HL", "NB-TP-NN", "NB-TP-DT", "NB-HL-NH", "NB-HL-TY"];
const tz = threeTier.timeZone;
const local = (d: Date) => localTime(d, tz);

describe("deadline nudges over a whole cycle", () => {
  const app = useApp(databaseKinds[0]!, { rulebook: threeTier, perTest: true });

  it("sends each expected nudge exactly once, never at night, never after its deadline, even run twice at once", async () => {
    const a = app();
    const sent: Sent[] = [];
    const courier: Courier = {
      channel: "fake",
      async send(chatId, views, speaker) {
        sent.push({
          chatId,
          at: a.clock(),
          text: views.map((v) => v.text.map((x) => speaker.translator.text("vi", x)).join(" ")).join(" "),
        });
        return null;
      },
      async edit() {},
    };
    const who = async (name: string) =>
      (
        await a.store.people.identify({
          channel: "fake",
          externalId: name,
          chatId: name,
          displayName: name,
          language: "vi",
          at: a.clock(),
        })
      ).person.id;

    // 50 officers across the seven bodies; 8 committee members.
    for (let i = 0; i < 50; i++)
      await a.store.memberships.add({
        personId: await who(`officer-${i}`),
        bodyCode: BODIES[i % 7]!,
        role: "officer",
      });
    const committee: string[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await who(`committee-${i}`);
      committee.push(id);
      await a.store.memberships.add({
        personId: id,
        bodyCode: i < 5 ? "NB-TP-NN" : "NB-HL-TY",
        role: "committee",
      });
    }
    // 200 registrations: 40 drafts and 20 returned (60 registrants to remind), 30 proposals awaiting votes.
    const statusOf = (i: number): Status =>
      i < 40 ? "draft" : i < 60 ? "returned" : i < 90 ? "proposed" : i < 150 ? "submitted" : "accepted";
    for (let i = 0; i < 200; i++) {
      const status = statusOf(i);
      const body = i % 2 ? "NB-TP-NN" : "NB-HL-TY";
      await a.store.submissions.create(
        completeDraft({
          id: `s-${i}`,
          registrantId: await who(`registrant-${i}`),
          status,
          code: status === "draft" ? null : `DVK-2026-${String(i).padStart(6, "0")}`,
          unitName: `Chi bộ số ${i}`,
          bodyCode: status === "draft" ? null : body,
          queueBodyCode: status === "draft" ? null : body,
          tier: "commune",
          submittedAt:
            status === "draft"
              ? null
              : zonedInstant({ year: 2026, month: 3, day: 1 + (i % 25), hour: 9 }, tz),
        }),
      );
    }

    const dispatcher = createDispatcher({
      store: a.store,
      couriers: [courier],
      translator: a.translator,
      rulebook: a.rulebook,
      tree: a.tree,
      limiter: new RateLimiter({ perChatMs: 0, perSecond: 1e9 }),
      clock: a.clock,
      logger: createLogger("silent"),
    });
    const pass = async () => {
      await queueNudges(a.store, a.rulebook, a.clock());
      await dispatcher.runOnce();
    };

    for (let day = { year: 2026, month: 1, day: 1 }; day.month < 10 || day.day <= 15; day = addDays(day, 1)) {
      for (const [hour, minute] of [
        [8, 0],
        [22, 30],
      ] as const) {
        a.clock.set(zonedInstant({ ...day, hour, minute }, tz));
        await pass();
        // A late-night newcomer with a draft on the first reminder day is reminded the next morning.
        if (day.month === 3 && day.day === 16 && hour === 22)
          await a.store.submissions.create(
            completeDraft({ id: "late-night", registrantId: await who("night-owl"), unitName: "Tổ đêm" }),
          );
      }
    }

    const expected = 50 * 3 * 4 + 60 * 4 + 8 * 2 * 4 + 1 * 4;
    expect(sent).toHaveLength(expected);
    const outbox = await a.store.notifications.list({ kind: "nudge" });
    expect(outbox.filter((n) => n.status === "sent")).toHaveLength(expected);
    expect(new Set(outbox.map((n) => n.dedupeKey)).size).toBe(outbox.length);
    for (const s of sent) {
      const hour = local(s.at).hour;
      expect(hour >= 7 && hour < 21).toBe(true);
    }
    for (const n of outbox) {
      const p = n.payload as { deadline: "registration" | "province_proposal" | "recognition"; year: number };
      expect(n.sentAt!.getTime()).toBeLessThan(deadline(p.deadline, p.year, a.rulebook).at.getTime());
    }
    const owl = sent.filter((s) => s.chatId === "night-owl");
    expect(owl.map((s) => `${local(s.at).day}/${local(s.at).month} ${local(s.at).hour}h`)).toEqual([
      "17/3 8h",
      "23/3 8h",
      "27/3 8h",
      "29/3 8h",
    ]);
    expect(sent.find((s) => s.chatId === "officer-3")!.text).toContain("Hồ sơ chờ lâu nhất");

    // Two passes at once at a nudge time: nothing is sent twice.
    a.clock.set(zonedInstant({ year: 2026, month: 9, day: 24, hour: 8 }, tz));
    const before = sent.length;
    await Promise.all([pass(), pass()]);
    expect(sent.length).toBe(before);
  }, 300_000);
});
