import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../src/bot/console/adapter.ts";
import { consoleSettings } from "../../src/bot/console/settings.ts";
import { createZaloBotAdapter } from "../../src/bot/zalo-bot/adapter.ts";
import { zaloBotSettings } from "../../src/bot/zalo-bot/settings.ts";
import type { Serving } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { freePort } from "../support/bot-process.ts";
import { FakeZaloBot } from "../support/fake-zalo-bot.ts";
import { depsOf, serveTest } from "../support/serving.ts";

const HOSTILE = [
  "x".repeat(10_000),
  "🎉🎉🎉",
  "<b>bold</b><script>alert(1)</script>",
  '\'; DROP TABLE "DialogSession"; --',
  "\u0000\u0001\u0002 binary",
  "dangky",
  "huy",
  "hoso",
  "trogiup",
  "99",
  "ninh nhat",
  "/xoahet",
  "start not-a-code",
  "lienket ZZZZ-ZZZZ",
  "{{value}} $t(reg.intro)",
];

describe("hostile input on the text channels", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });
  let fake: FakeZaloBot | undefined;
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    await fake?.close();
  });

  it("Zalo Bot: 300 hostile messages and events, each answered, state intact", async () => {
    const a = app();
    fake = await FakeZaloBot.start({ token: "hostile-token" });
    const port = await freePort();
    const settings = zaloBotSettings.parse({
      ZALO_BOT_TOKEN: "hostile-token",
      ZALO_BOT_API_ROOT: fake.url,
      ZALO_BOT_WEBHOOK_SECRET: "hostile-secret-1-long-enough-for-32",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    const channel = createZaloBotAdapter(settings, depsOf(a), { typing: false });
    serving = await serveTest(a, [channel], { HTTP_PORT: String(port) });
    const users = Array.from({ length: 5 }, (_, i) => ({ id: `z${i}`, name: `Z${i}` }));
    let events = 0;
    for (let i = 0; i < 300; i++) {
      const user = users[i % users.length]!;
      const event =
        i % 10 === 7
          ? fake.otherEvent(user, "message.sticker.received")
          : i % 10 === 8
            ? fake.imageEvent(user, "https://example.invalid/p.jpg")
            : fake.textEvent(user, HOSTILE[i % HOSTILE.length]!);
      expect((await fake.deliver(event)).status).toBe(200);
      events++;
    }
    await serving.pipeline.idle();
    const answered = users.reduce((n, u) => n + fake!.texts(u.id).length, 0);
    expect(answered).toBeGreaterThanOrEqual(events);
    expect(fake.violations()).toEqual([]);
    for (const u of users) {
      const session = await a.store.dialogs.load("zalo-bot", u.id);
      expect(typeof session!.state).toBe("object");
    }
  }, 120_000);

  it("console: hostile lines are each answered and the chat carries on", async () => {
    const a = app();
    const input = new PassThrough();
    const output = new PassThrough();
    let written = "";
    output.on("data", (d) => (written += d));
    const console = createConsoleAdapter(consoleSettings.parse({}), depsOf(a), { input, output });
    serving = await serveTest(a, [console]);
    const done = serving.finished;
    for (const line of HOSTILE) input.write(`${line.replace(/\n/g, " ")}\n`);
    input.write("/trogiup\n");
    input.end();
    await done;
    const replies = written.split("\n\n").filter((p) => p.trim());
    expect(replies.length).toBeGreaterThan(HOSTILE.length);
    expect(written).toContain("Các lệnh:\n/dangky — Đăng ký mô hình");
  });
});
