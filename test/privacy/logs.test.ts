import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/application/logger.ts";
import { createInvitation } from "../../src/application/services/invitations.ts";
import type { ChannelAdapter } from "../../src/bot/adapter.ts";
import { createConsoleAdapter } from "../../src/bot/console/adapter.ts";
import { consoleSettings } from "../../src/bot/console/settings.ts";
import { loadConfig, secretsOf } from "../../src/config.ts";
import { fold } from "../../src/domain/text.ts";
import { channelAdapters, type Serving, serve } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import type { TestApp } from "../support/app.ts";
import { useApp } from "../support/app.ts";
import { freePort } from "../support/bot-process.ts";
import { TEST_DATA_KEY } from "../support/data-key.ts";
import { startFakeTelegram } from "../support/fake-telegram.ts";
import { FakeZaloBot } from "../support/fake-zalo-bot.ts";
import { FakeZaloOa } from "../support/fake-zalo-oa.ts";
import { REGISTRATION } from "../support/registration.ts";
import { asApp } from "../support/serving.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

/**
 * Item 7 of the personal-data issue, end to end: every channel served as `npm start` serves it,
 * with the production logger (its configured secrets) at debug level, through a registration, a
 * decision, an export and /dulieu. No line may hold a phone number, a person's name, a token, a
 * webhook secret, an invitation code or the data key.
 */

const SECRETS = {
  TELEGRAM_BOT_TOKEN: "7000000001:AAH-logtest-telegram-token-9f8e7d6c5b",
  TELEGRAM_WEBHOOK_SECRET: "log-test-webhook-secret-0123456789abcdef",
  ZALO_BOT_TOKEN: "zalo-bot-token-logtest-4a5b6c7d8e9f",
  ZALO_BOT_WEBHOOK_SECRET: "zalo-bot-webhook-secret-logtest-0123456789",
  ZALO_OA_APP_ID: "1234567890123456789",
  ZALO_OA_SECRET_KEY: "oa-secret-key-logtest-abcdef0123",
  ZALO_OA_APP_SECRET: "oa-app-secret-logtest-fedcba9876",
  ZALO_OA_ACCESS_TOKEN: "oa-access-token-logtest-0a1b2c3d4e5f",
  ZALO_OA_REFRESH_TOKEN: "oa-refresh-token-logtest-6a7b8c9d0e1f",
};

/** The contact each channel's citizen gives, the phone in a different writing on each. */
const CONTACTS: Record<string, { unit: string; name: string; phone: string }> = {
  telegram: { unit: "Chi bộ thôn Đông", name: "Nguyễn Văn An", phone: "0912 345 678" },
  "zalo-bot": { unit: "Chi bộ thôn Tây", name: "Lê Thị Bích", phone: "(+84) 913 456 789" },
  "zalo-oa": { unit: "Chi bộ thôn Nam", name: "Phạm Quốc Cường", phone: "+84914567890" },
  console: { unit: "Chi bộ thôn Bắc", name: "Hoàng Minh Dũng", phone: "0915.678.901" },
};

/** A person in a chat: types (or presses what the prompt offers) and reads what the bot answered. */
interface Chat {
  say(text: string): Promise<string>;
}

const dir = mkdtempSync(join(tmpdir(), "dvk-logs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the logs at debug level", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });
  let serving: Serving | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await serving?.stop();
    for (const close of closers.splice(0)) await close();
  });

  /** Every channel, configured from the environment and logging like production. */
  async function start(a: TestApp) {
    const lines: string[] = [];
    const telegram = await startFakeTelegram({ token: SECRETS.TELEGRAM_BOT_TOKEN });
    const zaloBot = await FakeZaloBot.start({ token: SECRETS.ZALO_BOT_TOKEN });
    const zaloOa = await FakeZaloOa.start({
      appId: SECRETS.ZALO_OA_APP_ID,
      secretKey: SECRETS.ZALO_OA_SECRET_KEY,
      appSecret: SECRETS.ZALO_OA_APP_SECRET,
      accessToken: SECRETS.ZALO_OA_ACCESS_TOKEN,
      refreshToken: SECRETS.ZALO_OA_REFRESH_TOKEN,
      now: () => a.clock().getTime(),
    });
    closers.push(
      () => telegram.close(),
      () => zaloBot.close(),
      () => zaloOa.close(),
    );
    const port = await freePort();
    const env = {
      ...SECRETS,
      LOG_LEVEL: "debug",
      HTTP_PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      RATE_LIMIT_PER_SECOND: "off",
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_API_ROOT: telegram.url,
      ZALO_BOT_API_ROOT: zaloBot.url,
      ZALO_OA_API_ROOT: zaloOa.url,
      ZALO_OAUTH_ROOT: zaloOa.url,
    };
    const config = loadConfig(env);
    const logger = createLogger("debug", (line) => lines.push(line), { secrets: secretsOf(config) });
    const served = { ...asApp(a), config, logger };
    const terminalIn = new PassThrough();
    const terminalOut = new PassThrough();
    let terminalText = "";
    terminalOut.on("data", (chunk) => (terminalText += chunk));
    const terminal = createConsoleAdapter(
      consoleSettings.parse({ LANG: "vi_VN.UTF-8", DVK_FILES_DIR: join(dir, "files") }),
      { store: a.store, translator: a.translator, flows: a.flows, logger, clock: a.clock },
      { input: terminalIn, output: terminalOut },
    );
    const adapters: ChannelAdapter[] = [...channelAdapters(served), terminal];
    serving = await serve(served, adapters);
    zaloOa.webhookUrl = `${serving.url}/webhooks/zalo-oa`;
    const s = serving;
    const settle = async () => {
      await s.pipeline.idle();
      await s.dispatcher.runOnce();
      await s.pipeline.idle();
    };

    const chats = {
      telegram(id: number, first_name: string): Chat {
        const user = new TelegramUser(telegram, { id, first_name });
        return {
          async say(text) {
            const before = user.messages().length;
            const buttons = user.buttons();
            const button =
              buttons.find((b) => b.text.startsWith(`${text} điểm`)) ??
              buttons.find((b) => fold(b.text) === fold(text)) ??
              (/^\d$/.test(text) ? buttons[Number(text) - 1] : undefined);
            if (button && "callback_data" in button) await user.press(button.text);
            else await user.say(text);
            await settle();
            return user
              .messages()
              .slice(before)
              .map((m) => {
                const markup =
                  m.reply_markup && "inline_keyboard" in m.reply_markup ? m.reply_markup : undefined;
                const labels = markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
                return [m.text ?? m.caption ?? "", ...labels].join("\n");
              })
              .join("\n");
          },
        };
      },
      zaloBot(id: string, name: string): Chat {
        return {
          async say(text) {
            const before = zaloBot.texts(id).length;
            expect((await zaloBot.deliver(zaloBot.textEvent({ id, name }, text))).status).toBe(200);
            await settle();
            return zaloBot.textsSince(id, before);
          },
        };
      },
      zaloOa(id: string): Chat {
        return {
          async say(text) {
            const before = zaloOa.messages(id).length;
            const buttons = zaloOa.messages(id).at(-1)?.buttons ?? [];
            const index = buttons.findIndex((b) => fold(b.title) === fold(text));
            const pick = index >= 0 ? index : /^\d$/.test(text) ? Number(text) - 1 : -1;
            const delivered =
              pick >= 0 && pick < buttons.length
                ? await zaloOa.press(id, pick)
                : await zaloOa.deliver(zaloOa.textEvent(id, text));
            expect(delivered.status).toBe(200);
            await settle();
            return zaloOa
              .messages(id)
              .slice(before)
              .map((m) => [m.text, ...m.buttons.map((b) => b.title)].join("\n"))
              .join("\n");
          },
        };
      },
      console(): Chat {
        return {
          async say(text) {
            const before = terminalText.length;
            terminalIn.write(`${text}\n`);
            const until = Date.now() + 10_000;
            while (terminalText.length === before && Date.now() < until)
              await new Promise((r) => setTimeout(r, 20));
            await settle();
            return terminalText.slice(before);
          },
        };
      },
    };
    return { lines, chats, telegram, zaloBot, zaloOa };
  }

  /** The whole cycle with the citizen and the member on the given chats. */
  async function cycle(a: TestApp, channel: string, citizen: Chat, member: Chat) {
    const contact = CONTACTS[channel]!;
    const { code } = await createInvitation(a.store, {
      bodyCode: "NB-TP-NN",
      role: "committee",
      now: a.clock(),
    });
    expect(await member.say(`/start ${code}`)).toContain("thành viên Ban Chỉ đạo");

    const answers = [...REGISTRATION];
    answers[4] = contact.unit;
    answers[7] = contact.name;
    answers[8] = contact.phone;
    await citizen.say("/dangky");
    for (const answer of answers) await citizen.say(answer);
    expect(await citizen.say("Gửi đăng ký")).toContain("Mã hồ sơ của bạn");

    expect(await member.say("/hangdoi")).toContain("DVK-2026-");
    expect(await member.say("1")).toContain("Tiếp nhận");
    expect(await member.say("Tiếp nhận")).toContain("Đã xử lý hồ sơ");

    await member.say("/baocao");
    expect(await member.say("1")).toContain("Tình trạng — Đã tiếp nhận");

    expect(await citizen.say("/dulieu")).toContain(contact.name);
    expect(await citizen.say("Nhận bản sao (JSON, Excel)")).toContain("Bản sao dữ liệu của bạn");
    return code;
  }

  /** What no log line may hold: the values, and a phone's digits however the line groups them. */
  function leaks(lines: readonly string[], values: readonly string[], phones: readonly string[]): string[] {
    const digits = phones.map((p) => p.replace(/\D/g, "").replace(/^84/, "0").slice(1));
    return lines.filter(
      (line) =>
        values.some((v) => line.includes(v) || fold(line).includes(fold(v))) ||
        digits.some((d) => line.replace(/[\s.()+-]/g, "").includes(d)),
    );
  }

  it("hold no phone, name, token, secret, invitation code or key on any channel", async () => {
    const a = app();
    const { lines, chats } = await start(a);
    const codes = [
      await cycle(a, "telegram", chats.telegram(5001, "Thắng"), chats.telegram(5002, "Khánh")),
      await cycle(
        a,
        "zalo-bot",
        chats.zaloBot("zb-citizen", "Bích Lê"),
        chats.zaloBot("zb-member", "Chị Hoà"),
      ),
      await cycle(a, "zalo-oa", chats.zaloOa("7000000000000000002"), chats.zaloOa("7000000000000000001")),
      // The terminal's one person registers; the member of that cycle decides on Zalo.
      await cycle(a, "console", chats.console(), chats.zaloBot("zb-member-2", "Anh Giang")),
    ];

    // Each step really ran: four decisions, four exports, four copies.
    const trail = await a.store.privacyLog.list();
    expect(trail.filter((e) => e.action === "export")).toHaveLength(4);
    expect(trail.filter((e) => e.action === "data.copy")).toHaveLength(4);
    const submissions = await a.store.submissions.list();
    expect(submissions.map((s) => s.status)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    for (const channel of ["telegram", "zalo-bot", "zalo-oa", "console"])
      expect(
        lines.filter((l) => l.includes("update handled") && l.includes(`channel=${channel}`)).length,
      ).toBeGreaterThan(20);

    const names = [
      ...Object.values(CONTACTS).map((c) => c.name),
      "Thắng",
      "Khánh",
      "Bích Lê",
      "Chị Hoà",
      "Anh Giang",
    ];
    const found = leaks(
      lines,
      [
        ...names,
        ...Object.entries(SECRETS).flatMap(([name, value]) => (name.endsWith("_ID") ? [] : [value])),
        TEST_DATA_KEY,
        ...codes,
      ],
      Object.values(CONTACTS).map((c) => c.phone),
    );
    expect(found).toEqual([]);
  }, 240_000);
});
