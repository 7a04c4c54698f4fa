import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/index.ts";
import { BotProcess, dvk, freePort } from "../support/bot-process.ts";
import { testCipher } from "../support/data-key.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { DESCRIPTION_ANSWERS } from "../support/registration.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

const dir = mkdtempSync(join(tmpdir(), "dvk-telegram-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The registration as a Telegram user does it: buttons for choices, text for the rest. */
async function register(citizen: TelegramUser): Promise<void> {
  await citizen.say("/dangky");
  await citizen.press("Văn hóa – xã hội");
  await citizen.press("Một tập thể");
  await citizen.press("Chi bộ");
  await citizen.say("ninh nhat");
  await citizen.say("Chi bộ thôn Đông");
  await citizen.say("Thôn Đông, xã Ninh Nhất");
  await citizen.press("Đồng ý");
  await citizen.say("Nguyễn Văn An");
  await citizen.say("0912 345 678");
  await citizen.press("Xây dựng mới");
  for (const item of DESCRIPTION_ANSWERS) await citizen.say(item);
  await citizen.press("Bỏ qua");
  for (const points of ["10", "12", "15", "12", "15", "12", "12"]) await citizen.press(`${points} điểm`);
  await citizen.press("Gửi đăng ký");
}

/** SQLite always; PostgreSQL (a fresh schema) when TEST_DATABASE_URL names a server. */
const databases: [string, (name: string) => string][] = [
  ["sqlite", (name) => `file:${join(dir, `${name}.db`)}`],
];
if (process.env.TEST_DATABASE_URL)
  databases.push([
    "postgres",
    (name) => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.searchParams.set("schema", `e2e_${name}_${randomBytes(4).toString("hex")}`);
      return url.toString();
    },
  ]);
const cases = databases.flatMap(([db, url]) =>
  (["polling", "webhook"] as const).map((mode) => [mode, db, url] as const),
);

describe.each(cases)("Telegram end to end (%s, %s)", (mode, _db, databaseUrl) => {
  let fake: FakeTelegram | undefined;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("a citizen registers, a committee member joins by invitation and approves, the citizen is told", async () => {
    fake = await startFakeTelegram();
    const db = databaseUrl(mode);
    const port = await freePort();
    const env: Record<string, string> = {
      DATABASE_URL: db,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_MODE: mode,
      HTTP_PORT: String(port),
      DVK_NOW: "2026-03-10T09:00:00+07:00",
    };
    if (mode === "webhook")
      Object.assign(env, {
        TELEGRAM_WEBHOOK_SECRET: "s3cret-token-s3cret-token-s3cret-token",
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      });
    bot = BotProcess.start(env);
    await bot.waitFor("http server listening");

    const member = new TelegramUser(fake, { id: 5001, first_name: "Lan", last_name: "Trần" });
    const citizen = new TelegramUser(fake, {
      id: 6001,
      first_name: "An",
      last_name: "Nguyễn",
      language_code: "vi",
    });
    const invite = dvk(["invite", "--body", "NB-TP-NN", "--role", "committee"], { DATABASE_URL: db });
    const code = /Code: (\S+)/.exec(invite)![1]!;
    await member.say(`/start ${code}`);
    expect(member.transcript()).toContain(
      "Bạn đã tham gia Khối Dân vận Đảng ủy xã Ninh Nhất với vai trò thành viên Ban Chỉ đạo",
    );

    await register(citizen);
    expect(citizen.transcript()).toContain("Mã hồ sơ của bạn: DVK-2026-000001");

    // The member gets the new arrival with the decision buttons.
    await fake.waitFor(() => member.buttons().some((b) => b.text === "Tiếp nhận"), 15_000);
    expect(member.buttons().map((b) => b.text)).toEqual([
      "Tiếp nhận",
      "Yêu cầu bổ sung",
      "Không tiếp nhận",
      "Xem chi tiết",
      // With a PUBLIC_URL, the arrival opens in the officers' workspace too.
      ...(mode === "webhook" ? ["Mở trên web"] : []),
    ]);
    expect(member.last().text).toContain("Hồ sơ mới DVK-2026-000001");
    const arrival = member.last().message_id;
    await member.press("Tiếp nhận");

    // The citizen is told, and the member's copy shows the outcome without buttons.
    await fake.waitFor(() => citizen.transcript().includes("Hồ sơ DVK-2026-000001"), 15_000);
    expect(citizen.last().text).toContain(
      'Hồ sơ DVK-2026-000001 ("Tổ tự quản đường hoa thôn Đông") của bạn đã được tiếp nhận.',
    );
    await fake.waitFor(() => fake!.chat(5001).find((m) => m.message_id === arrival)?.edited === true, 15_000);
    const edited = fake.chat(5001).find((m) => m.message_id === arrival)!;
    expect(edited.text).toContain("✅ Đã tiếp nhận — bởi Lan Trần (thành viên Ban Chỉ đạo)");
    expect(
      edited.reply_markup && "inline_keyboard" in edited.reply_markup
        ? edited.reply_markup.inline_keyboard.flat()
        : [],
    ).toEqual([]);

    // Every call the bot made was valid Bot API 10.1; every callback query was answered.
    expect(fake.violations()).toEqual([]);
    const presses = fake.calls().filter((c) => c.method === "answerCallbackQuery").length;
    expect(presses).toBe(15); // one answer for each press: 3 + 1 (the notice) + 1 + 1 + 7 + 1 + 1
    expect(fake.callsOf("setMyCommands").map((c) => c.params.language_code ?? "default")).toEqual([
      "default",
      "en",
    ]);

    const store = await openStore(db, { cipher: testCipher() });
    try {
      const [s] = await store.submissions.list({ status: "accepted" });
      expect(s).toMatchObject({ code: "DVK-2026-000001", bodyCode: "NB-TP-NN" });
      const history = await store.submissions.history(s!.id);
      expect(history.map((e) => [e.action, e.actorRole])).toEqual([
        ["submit", "registrant"],
        ["accept", "committee"],
      ]);
    } finally {
      await store.close();
    }
  }, 180_000);
});
