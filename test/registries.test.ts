import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { channel } from "../src/bot/channel.ts";
import { CHANNELS } from "../src/bot/channels.ts";
import type { FlowModule } from "../src/dialogs/flow.ts";
import { FLOWS } from "../src/dialogs/flows/index.ts";
import { createFlowRegistry } from "../src/dialogs/registry.ts";
import { say } from "../src/dialogs/view.ts";
import { type Serving, serve } from "../src/serve.ts";
import { databaseKinds } from "./storage/databases.ts";
import { useApp } from "./support/app.ts";
import { type FakeTelegram, startFakeTelegram } from "./support/fake-telegram.ts";
import { root } from "./support/fixtures.ts";
import { REGISTRATION } from "./support/registration.ts";
import { asApp, serveTest, telegramOn } from "./support/serving.ts";
import { TelegramUser } from "./support/telegram-driver.ts";
import { type TestChannel, testChannelModule } from "./support/test-channel.ts";

/** A flow defined here alone: a greeting with its own command words and menu entry. */
const greeting: FlowModule = {
  name: "greeting",
  command: { name: "greet", words: ["chao", "hello"], menu: true, who: "anyone", mode: "aside" },
  start: () => ({ flow: null, views: [say("welcome.title")] }),
};

describe("a channel added through the registry alone", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
  });

  it("is configured from its section of the environment, served, and takes a whole registration", async () => {
    const configured = channel(testChannelModule).configure({ TEST_CHANNEL: "fake-chat" });
    if (!configured.ok) throw new Error("the test channel's settings were refused");
    const base = asApp(app());
    serving = await serve({ ...base, config: { ...base.config, channels: [configured.channel] } });
    const fake = serving.adapters[0] as TestChannel;
    expect(fake.channel).toBe("fake-chat");
    await fake.say("citizen", "/dangky");
    for (const answer of REGISTRATION) await fake.say("citizen", answer);
    expect(await fake.say("citizen", "Gửi đăng ký")).toContain("Mã hồ sơ của bạn: DVK-2026-000001");
    const [submission] = await app().store.submissions.list();
    expect(submission).toMatchObject({ status: "submitted", bodyCode: "NB-TP-NN" });
    const identities = await app().store.people.identities(submission!.registrantId);
    expect(identities.map((i) => i.channel)).toEqual(["fake-chat"]);
  });

  it("names no channel in the server's start-up or in main.ts", () => {
    const names = CHANNELS.map((c) => c.name);
    for (const file of ["src/serve.ts", "src/main.ts", "src/config.ts"]) {
      const text = readFileSync(join(root, file), "utf8");
      for (const name of [...names, "zalo", "grammy", "TELEGRAM", "ZALO"])
        expect(text.toLowerCase(), `${file} names ${name}`).not.toContain(name.toLowerCase());
    }
  });
});

describe("a flow added through the registry alone", () => {
  const flows = createFlowRegistry([...FLOWS, greeting]);
  const app = useApp(databaseKinds[0]!, { perTest: true, flows });
  let fake: FakeTelegram | undefined;
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    await fake?.close();
  });

  it("gets its command (with and without the slash), its menu entry in Telegram and /trogiup, and runs", async () => {
    const a = app();
    expect(await a.send("p", "/chao")).toContain("Xin chào!");
    expect(await a.send("p", "/hello")).toContain("Xin chào!");
    expect(flows.textInput("chao", true)).toEqual({ kind: "command", name: "greet", args: "" });
    expect(flows.textInput("chao", false)).toEqual({ kind: "text", text: "chao" });
    const help = await a.send("p", "/trogiup");
    expect(help).toContain("/chao — ");

    fake = await startFakeTelegram();
    serving = await serveTest(a, [telegramOn(a, fake)]);
    expect(fake.myCommands().map((c) => c.command)).toContain("chao");
    expect(fake.myCommands(undefined, "en").map((c) => c.command)).toContain("hello");
    const user = new TelegramUser(fake, { id: 901, first_name: "Mai" });
    await user.say("/chao");
    expect(user.transcript()).toContain("Xin chào!");
  });
});
