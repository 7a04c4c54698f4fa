import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createRunner } from "../../src/application/runner.ts";
import { createTelegramAdapter } from "../../src/bot/telegram/adapter.ts";
import { telegramSettings } from "../../src/bot/telegram/settings.ts";
import type { Store } from "../../src/domain/ports.ts";
import type { Serving } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "../support/fake-telegram.ts";
import { depsOf, serveTest } from "../support/serving.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

describe("Telegram adapter under faults", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });
  let fake: FakeTelegram;
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    await fake?.close();
  });

  async function start(store?: Store, options: { timeoutSeconds?: number } = {}) {
    const a = app();
    fake = await startFakeTelegram();
    const on = store
      ? {
          ...a,
          store,
          runner: createRunner({
            store,
            rulebook: a.rulebook,
            tree: a.tree,
            clock: a.clock,
            newId: randomUUID,
            translator: a.translator,
          }),
        }
      : a;
    const settings = telegramSettings.parse({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
    serving = await serveTest(on, [createTelegramAdapter(settings, depsOf(on), options)]);
    return a;
  }

  it("the database unreachable during a run: the update is not marked done, and is processed once it is back", async () => {
    const real = app().store;
    let down = true;
    const flaky: Store = {
      ...real,
      transaction: (work) =>
        down ? Promise.reject(new Error("connect ECONNREFUSED")) : real.transaction(work),
    };
    const a = await start(flaky);
    const user = new TelegramUser(fake, { id: 81, first_name: "Mai" });
    fake.sendCommand(user.user, "/trogiup");
    await new Promise((r) => setTimeout(r, 400));
    expect(user.messages()).toHaveLength(0);
    // Stored, acknowledged, waiting: not lost, not done.
    expect((await a.store.inbox.pending("telegram", "81", 10)).map((i) => i.key)).toEqual(["1000"]);
    down = false;
    await fake.waitFor(() => user.transcript().includes("Phong trào thi đua"), 10_000);
    expect(await a.store.inbox.pending("telegram", "81", 10)).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf("sendMessage").filter((c) => c.status === 200)).toHaveLength(2);
  });

  it("a Bot API 500 and a timed-out call are retried, and nothing is lost", async () => {
    await start(undefined, { timeoutSeconds: 1 });
    const user = new TelegramUser(fake, { id: 82, first_name: "Tú" });
    fake.failNext("sendMessage", { status: 500 }, 2);
    fake.sendCommand(user.user, "/trogiup");
    await fake.waitFor(() => user.transcript().includes("Các mốc thời gian"), 20_000);
    fake.setLatency(1500, "sendMessage");
    setTimeout(() => fake.setLatency(0, "sendMessage"), 1200);
    fake.sendText(user.user, "/dangky");
    await fake.waitFor(() => user.transcript().includes("Mô hình của bạn thuộc lĩnh vực nào?"), 20_000);
    expect(fake.callsOf("sendMessage").map((c) => c.status)).toContain(500);
    expect(fake.violations()).toEqual([]);
  });

  it("1,000 random and hostile inputs: no crash, no corrupted state, each one answered", async () => {
    const a = await start();
    const users: FakeUser[] = Array.from({ length: 10 }, (_, i) => ({ id: 900 + i, first_name: `U${i}` }));
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const hostile = [
      () => "x".repeat(4096),
      () => "🎉".repeat(500),
      () => "<script>alert(1)</script>",
      () => '\'; DROP TABLE "Submission"; --',
      () => "\u0000\u0001\u0002\u0003\u0004",
      () => "/xoahet",
      () => "/start ../../etc/passwd",
      () => "/dangky",
      () => "/huy",
      () => "/hoso",
      () => "$t(reg.intro) {{value}}",
      () => String(Math.floor(random() * 100)),
      () => "ninh nhat",
      () => "Chi bộ thôn Đông",
      () => "   ",
      () => "\u202e\u200b\u00ad",
    ];
    let expectedMessages = 0;
    let expectedPresses = 0;
    for (let i = 0; i < 1000; i++) {
      const user = pick(users);
      const roll = random();
      if (roll < 0.7) {
        const text = pick(hostile)();
        if (text.trim() === "" || /^[\u202e\u200b\u00ad]+$/.test(text)) fake.sendText(user, `${text}.`);
        else fake.sendText(user, text);
        expectedMessages++;
      } else if (roll < 0.8) {
        fake.sendSticker(user);
        expectedMessages++;
      } else if (roll < 0.85) {
        fake.sendPhoto(user);
        expectedMessages++;
      } else {
        const forged = pick([
          "c1.0",
          "c999999.3",
          "a:accept:00000000-0000-0000-0000-000000000000",
          "a:drop:1",
          "junk",
          "c-1.0",
          "",
        ]);
        fake.press(user, 1, forged || "x", { unchecked: true });
        expectedPresses++;
      }
    }
    await fake.waitFor(() => fake.pendingUpdates().length === 0, 120_000);
    await fake.waitFor(() => fake.callsOf("answerCallbackQuery").length >= expectedPresses, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    // Each message answered (at least one reply per message), each press answered once.
    const replies = fake.callsOf("sendMessage").filter((c) => c.status === 200).length;
    expect(replies).toBeGreaterThanOrEqual(expectedMessages);
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(expectedPresses);
    expect(fake.violations()).toEqual([]);
    // Every dialog state still reads back, and the bot still works for everyone.
    for (const user of users) {
      const session = await a.store.dialogs.load("telegram", String(user.id));
      expect(session === null || typeof session.state === "object").toBe(true);
      const tidy = new TelegramUser(fake, user);
      await tidy.say("/huy");
      await tidy.say("/trogiup");
      expect(tidy.transcript()).toContain("Các lệnh");
    }
  }, 240_000);
});
