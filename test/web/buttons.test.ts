import { afterEach, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/application/i18n.ts";
import { createTelegramAdapter } from "../../src/bot/telegram/adapter.ts";
import { renderView as telegramView } from "../../src/bot/telegram/render.ts";
import { telegramSettings } from "../../src/bot/telegram/settings.ts";
import { webLinks } from "../../src/bot/web-links.ts";
import { renderView as zaloBotView } from "../../src/bot/zalo-bot/render.ts";
import { renderView as zaloOaView } from "../../src/bot/zalo-oa/render.ts";
import type { View } from "../../src/dialogs/view.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { threeTier } from "../support/fixtures.ts";
import { depsOf } from "../support/serving.ts";

const speaker = { translator: createTranslator(threeTier), language: "vi" as const };
const arrival: View = {
  text: [{ key: "notify.buttons_hint" }],
  actions: [{ action: "accept", target: "s-1", label: { key: "decision.accept" } }],
  web: "/s/s-1",
  expects: { kind: "none" },
};

describe('"Mở trên web" from chat', () => {
  it("is a Mini App button on Telegram over https, a link button over http, nothing without PUBLIC_URL", () => {
    const https = telegramView(speaker, arrival, 0, webLinks("https://dvk.example.gov.vn"));
    expect(https[0]!.keyboard!.inline_keyboard.at(-1)).toEqual([
      {
        text: "Mở trên web",
        web_app: { url: "https://dvk.example.gov.vn/app/miniapp?next=%2Fapp%2Fs%2Fs-1" },
      },
    ]);
    const http = telegramView(speaker, arrival, 0, webLinks("http://10.0.0.5:8080/"));
    expect(http[0]!.keyboard!.inline_keyboard.at(-1)).toEqual([
      { text: "Mở trên web", url: "http://10.0.0.5:8080/app/s/s-1" },
    ]);
    expect(
      telegramView(speaker, arrival, 0, webLinks(undefined))[0]!.keyboard!.inline_keyboard.flat(),
    ).toHaveLength(1);
  });

  it("is a URL button on Zalo OA and a link in the text on Zalo Bot", () => {
    const oa = zaloOaView(speaker, arrival, 0, webLinks("https://dvk.example.gov.vn"));
    expect(oa.at(-1)!.buttons!.at(-1)).toEqual({
      title: "Mở trên web",
      type: "oa.open.url",
      payload: { url: "https://dvk.example.gov.vn/app/s/s-1" },
    });
    const bot = zaloBotView(speaker, arrival, webLinks("https://dvk.example.gov.vn"));
    expect(bot.join("\n")).toContain("Mở trên web: https://dvk.example.gov.vn/app/s/s-1");
    expect(zaloBotView(speaker, arrival, undefined).join("\n")).not.toContain("Mở trên web");
  });
});

describe.each(databaseKinds)("the Telegram menu button of members on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });
  let fake: FakeTelegram | undefined;
  afterEach(async () => fake?.close());

  it("opens the workspace as a Mini App for officers and committee members, not for citizens", async () => {
    fake = await startFakeTelegram();
    const a = app();
    for (const [id, role] of [
      ["5001", "officer"],
      ["5002", null],
    ] as const) {
      const { person } = await a.store.people.identify({
        channel: "telegram",
        externalId: id,
        chatId: id,
        language: "vi",
        at: a.clock(),
      });
      if (role) await a.store.memberships.add({ personId: person.id, bodyCode: "NB-TP-NN", role });
    }
    const settings = telegramSettings.parse({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
    const adapter = createTelegramAdapter(settings, depsOf(a, { publicUrl: "https://dvk.example.gov.vn" }));
    await adapter.start(a.pipeline);
    try {
      const calls = fake.callsOf("setChatMenuButton");
      expect(calls.map((c) => [String(c.params.chat_id), c.params.menu_button])).toEqual([
        [
          "5001",
          {
            type: "web_app",
            text: "Hàng đợi",
            web_app: { url: "https://dvk.example.gov.vn/app/miniapp?next=%2Fapp%2Fqueue" },
          },
        ],
      ]);
      expect(fake.violations()).toEqual([]);
    } finally {
      await adapter.stop();
    }
  });
});
