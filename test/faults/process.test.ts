import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/index.ts";
import { BotProcess } from "../support/bot-process.ts";
import { testCipher } from "../support/data-key.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

const dir = mkdtempSync(join(tmpdir(), "dvk-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("faults of the whole process", () => {
  let fake: FakeTelegram | undefined;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.stop("SIGKILL");
    await fake?.close();
  });

  it("kill -9 in the middle of a registration: after a restart the dialog resumes where it was", async () => {
    fake = await startFakeTelegram();
    const db = `file:${join(dir, "kill.db")}`;
    const env = {
      DATABASE_URL: db,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      HTTP_PORT: "0",
      DVK_NOW: "2026-03-10T09:00:00+07:00",
    };
    bot = BotProcess.start(env);
    await bot.waitFor("http server listening");
    const user = new TelegramUser(fake, { id: 71, first_name: "Thu" });
    await user.say("/dangky");
    await user.press("Kinh tế");
    await user.press("Một tập thể");
    await user.press("Chi bộ");
    await user.say("ninh nhat");
    expect(user.last().text).toContain("Tên đầy đủ của tập thể");

    expect(await bot.stop("SIGKILL")).toBeNull();
    bot = BotProcess.start(env);
    await bot.waitFor("http server listening");
    await user.say("Chi bộ thôn Bắc");
    expect(user.last().text).toContain("Địa chỉ cụ thể của đơn vị");

    const store = await openStore(db, { cipher: testCipher() });
    try {
      const [draft] = await store.submissions.list({ status: "draft" });
      expect(draft).toMatchObject({
        field: "economy",
        unitCategory: "party_cell",
        localityCode: "NB-TP-NN",
        unitName: "Chi bộ thôn Bắc",
      });
    } finally {
      await store.close();
    }
    expect(fake.violations()).toEqual([]);
  }, 120_000);

  it.each([
    [
      "an unreachable PostgreSQL",
      "postgresql://dvk:secret@127.0.0.1:1/dvk",
      "Cannot reach the database postgresql://dvk@127.0.0.1:1/dvk",
    ],
    [
      "a SQLite file that cannot be created",
      `file:${join(dir, "a-file", "sub", "dvk.db")}`,
      "Cannot reach the database",
    ],
  ])(
    "stops at start with one clear line and a non-zero exit for %s",
    async (_label, url, message) => {
      writeFileSync(join(dir, "a-file"), "not a directory");
      bot = BotProcess.start({ DATABASE_URL: url, TELEGRAM_BOT_TOKEN: "", LOG_LEVEL: "warn" });
      const code = await new Promise<number | null>((resolve) => {
        const wait = () => (bot!.exitCode !== null ? resolve(bot!.exitCode) : setTimeout(wait, 50));
        wait();
      });
      expect(code).not.toBe(0);
      expect(bot.output).toContain(message);
      expect(bot.output).not.toContain("secret");
      expect(bot.output).not.toMatch(/\n\s+at /);
    },
    60_000,
  );

  it("refuses a webhook secret that can be guessed: start-up stops naming the variable", async () => {
    bot = BotProcess.start({
      DATABASE_URL: `file:${join(dir, "secret.db")}`,
      TELEGRAM_BOT_TOKEN: "123456:abcdef",
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: "x",
      LOG_LEVEL: "warn",
    });
    const code = await new Promise<number | null>((resolve) => {
      const wait = () => (bot!.exitCode !== null ? resolve(bot!.exitCode) : setTimeout(wait, 50));
      wait();
    });
    expect(code).not.toBe(0);
    expect(bot.output).toContain("Configuration error: TELEGRAM_WEBHOOK_SECRET: expected 32–256 characters");
    expect(bot.output.trim().split("\n")).toHaveLength(1);
  }, 60_000);
});
