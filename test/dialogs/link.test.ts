import { describe, expect, it } from "vitest";
import type { Courier } from "../../src/application/delivery/courier.ts";
import { createDispatcher } from "../../src/application/delivery/dispatcher.ts";
import { RateLimiter } from "../../src/application/delivery/rate-limiter.ts";
import { createLogger } from "../../src/application/logger.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { completeDraft } from "../support/fixtures.ts";

describe.each(databaseKinds)("one person, several channels, on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });

  it("links Telegram and Zalo with a short code; each notification goes once, to the channel used last", async () => {
    const a = app();
    const offer = await a.send("tg-1", "/lienket", "telegram");
    const code = /lienket ([A-Z0-9-]+)/.exec(offer)![1]!;
    expect(await a.send("zl-1", `/lienket ${code}`, "zalo-bot")).toContain("Đã liên kết tài khoản này");
    expect(await a.send("zl-2", `/lienket ${code}`, "zalo-bot")).toContain("đã được sử dụng");
    const [tg] = await a.store.people.identities(
      (
        await a.store.people.identify({
          channel: "telegram",
          externalId: "tg-1",
          chatId: "tg-1",
          displayName: "x",
          language: "vi",
          at: a.clock(),
        })
      ).person.id,
    );
    const identities = await a.store.people.identities(tg!.personId);
    expect(identities.map((i) => i.channel).sort()).toEqual(["telegram", "zalo-bot"]);

    const sent: string[] = [];
    const courier = (channel: string): Courier => ({
      channel,
      async send(chatId) {
        sent.push(`${channel}:${chatId}`);
        return null;
      },
      async edit() {},
    });
    const dispatcher = createDispatcher({
      store: a.store,
      couriers: [courier("telegram"), courier("zalo-bot")],
      translator: a.translator,
      rulebook: a.rulebook,
      tree: a.tree,
      limiter: new RateLimiter({ perChatMs: 0 }),
      clock: a.clock,
      logger: createLogger("silent"),
    });
    await a.store.submissions.create(
      completeDraft({ id: "s", registrantId: tg!.personId, code: "DVK-2026-000001", status: "accepted" }),
    );
    const tell = (key: string) =>
      a.store.notifications.enqueue({
        dedupeKey: key,
        personId: tg!.personId,
        kind: "decision",
        payload: { kind: "decision", submissionId: "s", action: "accept", reason: null },
        notBefore: a.clock(),
      });

    a.clock.set(new Date(a.clock().getTime() + 60_000));
    await a.send("zl-1", "/trogiup", "zalo-bot");
    await tell("first");
    await dispatcher.runOnce();
    expect(sent).toEqual(["zalo-bot:zl-1"]);

    a.clock.set(new Date(a.clock().getTime() + 60_000));
    await a.send("tg-1", "/trogiup", "telegram");
    await tell("second");
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(sent).toEqual(["zalo-bot:zl-1", "telegram:tg-1"]);
  });
});
