import { afterEach, describe, expect, it } from "vitest";
import type { Serving } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { serveTest, telegramOn } from "../support/serving.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

const DAY = 86_400_000;

describe.each(databaseKinds)("dedupe that cannot swallow new updates, on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });
  let fake: FakeTelegram | undefined;
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    await fake?.close();
  });

  /** Real time that a test can move forward, as a week without updates would. */
  let skipped = 0;
  const clock = () => new Date(Date.now() + skipped);

  async function bot(options: { token?: string } = {}) {
    await serving?.stop();
    await fake?.close();
    fake = await startFakeTelegram({ firstUpdateId: 1000, ...options });
    serving = await serveTest(app(), [telegramOn(app(), fake)], {}, { clock });
    return fake;
  }

  it("takes a fresh range of update ids that overlaps old processed ones, after a week", async () => {
    skipped = 0;
    const first = new TelegramUser(await bot(), { id: 501, first_name: "Lan" });
    await first.say("/trogiup");
    await first.say("/dangky");
    expect(first.transcript()).toContain("Câu 1/27");
    // The same ids again at once are repetitions: dropped.
    const again = new TelegramUser(await bot(), { id: 501, first_name: "Lan" });
    fake!.sendCommand(again.user, "/trogiup");
    await new Promise((r) => setTimeout(r, 1500));
    expect(again.messages()).toEqual([]);
    // A week later Telegram may start anywhere, here at the same ids: taken as new.
    skipped = 8 * DAY;
    const later = new TelegramUser(await bot(), { id: 501, first_name: "Lan" });
    await later.say("/trogiup");
    expect(later.transcript()).toContain("Các mốc thời gian");
    await later.say("/huy");
    expect(later.transcript()).toContain("Đã tạm dừng");
  }, 60_000);

  it("keeps another bot's ids (a new token on an old database) apart from the old bot's", async () => {
    skipped = 0;
    const old = new TelegramUser(await bot({ token: "111111:old-bot-token" }), { id: 502, first_name: "An" });
    await old.say("/trogiup");
    const fresh = new TelegramUser(await bot({ token: "222222:new-bot-token" }), {
      id: 502,
      first_name: "An",
    });
    await fresh.say("/trogiup");
    expect(fresh.transcript()).toContain("Các mốc thời gian");
  }, 60_000);
});
