import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runConsole } from "../../src/bot/console/index.ts";
import { createZaloBotChannel } from "../../src/bot/zalo-bot/index.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { FakeZaloBot } from "../support/fake-zalo-bot.ts";
import { serve, silent } from "../zalo/support.ts";

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
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await fake?.close();
  });

  it("Zalo Bot: 300 hostile messages and events, each answered, state intact", async () => {
    const a = app();
    fake = await FakeZaloBot.start({ token: "hostile-token" });
    let channel: ReturnType<typeof createZaloBotChannel> | undefined;
    const server = await serve([
      { method: "POST", path: "/webhooks/zalo-bot", handle: (r) => channel!.route.handle(r) },
    ]);
    close = server.close;
    channel = createZaloBotChannel({
      token: "hostile-token",
      apiRoot: fake.url,
      webhookSecret: "hostile-secret-1",
      publicUrl: server.url,
      runner: a.runner,
      translator: a.translator,
      logger: silent,
      typing: false,
    });
    await channel.start();
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
    await channel.idle();
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
    const done = runConsole({
      runner: a.runner,
      translator: a.translator,
      input,
      output,
      language: "vi",
      filesDir: "data/files",
    });
    for (const line of HOSTILE) input.write(`${line.replace(/\n/g, " ")}\n`);
    input.write("/trogiup\n");
    input.end();
    await done;
    const replies = written.split("\n\n").filter((p) => p.trim());
    expect(replies.length).toBeGreaterThan(HOSTILE.length);
    expect(written).toContain("Các lệnh: /dangky");
  });
});
