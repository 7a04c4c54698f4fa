import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInvitation } from "../../src/application/services/invitations.ts";
import { inputOf } from "../../src/bot/telegram/updates.ts";
import { defaultFlows } from "../../src/dialogs/flows/index.ts";
import type { Serving } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import { rejections } from "../storage/inspect.ts";
import { useApp } from "../support/app.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { completeDraft } from "../support/fixtures.ts";
import { serveTest, telegramOn } from "../support/serving.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

describe("Telegram adapter", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });
  let fake: FakeTelegram;
  let serving: Serving;

  beforeEach(async () => {
    fake = await startFakeTelegram();
    serving = await serveTest(app(), [telegramOn(app(), fake)]);
  });
  afterEach(async () => {
    await serving.stop();
    await fake.close();
  });
  const dispatcher = () => serving.dispatcher;

  /** A submitted registration in Ninh Nhất's queue, and a committee member there who got it. */
  async function arrival() {
    const a = app();
    const member = new TelegramUser(fake, { id: 11, first_name: "Lan" });
    const { code } = await createInvitation(a.store, {
      bodyCode: "NB-TP-NN",
      role: "committee",
      now: a.clock(),
    });
    await member.say(`/start ${code}`);
    const citizen = new TelegramUser(fake, { id: 22, first_name: "An" });
    await citizen.say("/trogiup");
    const registrant = await a.store.people.identify({
      channel: "telegram",
      externalId: "22",
      chatId: "22",
      displayName: "An",
      language: "vi",
      at: a.clock(),
    });
    const draft = completeDraft({ id: "s-1", registrantId: registrant.person.id });
    await a.store.submissions.create(draft);
    const { submitRegistration } = await import("../../src/application/services/submissions.ts");
    const memberships = await a.store.memberships.ofPerson(registrant.person.id);
    await a.store.transaction((repos) =>
      submitRegistration(repos, draft, {
        rulebook: a.rulebook,
        tree: a.tree,
        now: a.clock(),
        newId: () => crypto.randomUUID(),
        actor: { personId: registrant.person.id, memberships },
      }),
    );
    await dispatcher().runOnce();
    await fake.waitFor(() => member.buttons().some((b) => b.text === "Tiếp nhận"), 10_000);
    return { member, citizen, a };
  }

  it("renders choices as inline buttons, pages long lists and edits the answered step", async () => {
    const user = new TelegramUser(fake, { id: 33, first_name: "Hoa" });
    await user.say("/dangky");
    expect(user.buttons().map((b) => b.text)).toEqual([
      "Kinh tế",
      "Văn hóa – xã hội",
      "Quốc phòng – An ninh",
      "Xây dựng hệ thống chính trị",
      "ℹ Xem yêu cầu của từng lĩnh vực",
    ]);
    const question = user.last().message_id;
    await user.press("Kinh tế");
    const answered = fake.chat(33).find((m) => m.message_id === question)!;
    expect(answered.text).toContain("✓ Kinh tế");
    expect(
      answered.reply_markup && "inline_keyboard" in answered.reply_markup
        ? answered.reply_markup.inline_keyboard.flat()
        : [],
    ).toEqual([]);
    for (const b of user.buttons())
      expect(Buffer.byteLength((b as { callback_data: string }).callback_data)).toBeLessThanOrEqual(64);
    expect(fake.violations()).toEqual([]);
  });

  it("processes a duplicated update once", async () => {
    const user = new TelegramUser(fake, { id: 44, first_name: "Bình" });
    await user.say("/dangky");
    const mark = fake.mark();
    await user.press("Kinh tế");
    const before = fake.callsOf("sendMessage").length;
    fake.duplicateLast();
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.callsOf("sendMessage").length).toBe(before);
    const session = await app().store.dialogs.load("telegram", "44");
    expect((session!.state as { flow: { step: string } }).flow.step).toBe("kind");
    expect(
      fake
        .calls()
        .slice(mark)
        .filter((c) => c.method === "answerCallbackQuery").length,
    ).toBe(2);
  });

  it("answers a stale or forged press politely and changes nothing", async () => {
    const user = new TelegramUser(fake, { id: 55, first_name: "Cúc" });
    await user.say("/dangky");
    const first = user.last();
    await user.press("Kinh tế");
    const state = (await app().store.dialogs.load("telegram", "55"))!;
    // The old message's keyboard was removed; press its callback data anyway (a stale press).
    const since = fake.mark();
    fake.press(user.user, first.message_id, "c1.0", { unchecked: true });
    const answer = await fake.waitForCall("answerCallbackQuery", { since });
    expect(String(answer.params.text)).toContain("câu hỏi cũ");
    const forged = fake.mark();
    fake.press(user.user, first.message_id, "x:drop-table", { unchecked: true });
    const forgedAnswer = await fake.waitForCall("answerCallbackQuery", { since: forged });
    expect(String(forgedAnswer.params.text)).toContain("câu hỏi cũ");
    await new Promise((r) => setTimeout(r, 200));
    expect((await app().store.dialogs.load("telegram", "55"))!.version).toBe(state.version);
  });

  it("a press from someone who is not a member changes nothing and is answered 'not allowed'", async () => {
    const { member, a } = await arrival();
    const stranger = new TelegramUser(fake, { id: 66, first_name: "Khách" });
    await stranger.say("/trogiup");
    const accept = member.buttons().find((b) => b.text === "Tiếp nhận") as { callback_data: string };
    const since = fake.mark();
    fake.press(stranger.user, member.last().message_id, accept.callback_data, { unchecked: true });
    const answer = await fake.waitForCall("answerCallbackQuery", {
      since,
      match: (c) => String(c.params.text ?? "").length > 0,
    });
    expect(String(answer.params.text)).toContain("không có quyền");
    expect((await a.store.submissions.get("s-1"))!.status).toBe("submitted");
  });

  it("a committee member returns with a reason; the registrant is told the reason", async () => {
    const { member, citizen, a } = await arrival();
    await member.press("Yêu cầu bổ sung");
    expect(member.last().text).toContain("Nhập lý do");
    await member.say("Bổ sung số liệu về số hộ tham gia");
    expect((await a.store.submissions.get("s-1"))!.status).toBe("returned");
    await dispatcher().runOnce();
    await fake.waitFor(() => citizen.transcript().includes("Lý do: Bổ sung số liệu"), 10_000);
    expect(citizen.transcript()).toContain("cần bổ sung thêm");
    // A second press on the (now edited) arrival is refused as already decided.
    await fake.waitFor(
      () => member.messages().some((m) => m.text?.includes("✅ Đã yêu cầu bổ sung")),
      10_000,
    );
  });

  it("/baocao sends an officer the summary, the XLSX workbook and the chart", async () => {
    const { member } = await arrival();
    await member.say("/baocao");
    await member.press("Năm 2026");
    await fake
      .waitFor(() => fake.callsOf("sendPhoto").length === 1, 15_000)
      .catch((error) => {
        throw new Error(`${error.message}\n${member.transcript().slice(-800)}`);
      });
    expect(member.transcript()).toContain("Khối Dân vận Đảng ủy xã Ninh Nhất");
    const uploads = fake.uploads().map((u) => u.file.filename);
    expect(uploads.some((name) => String(name).endsWith(".xlsx"))).toBe(true);
    expect(uploads.some((name) => String(name).endsWith(".png"))).toBe(true);
    expect(fake.violations()).toEqual([]);
  });

  it("retries a 429 after retry_after and loses nothing", async () => {
    const user = new TelegramUser(fake, { id: 77, first_name: "Dũng" });
    fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    fake.sendCommand(user.user, "/trogiup");
    await fake.waitFor(() => user.transcript().includes("Phong trào thi đua"), 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.callsOf("sendMessage").map((c) => c.status)).toEqual([429, 200]);
    expect(fake.violations()).toEqual([]);
  });
});

describe("Telegram webhook", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });
  const secret = "right-secret-".repeat(3);

  /** The bot served in webhook mode on a fake Telegram; `post` sends a body to its webhook. */
  async function webhook() {
    const a = app();
    const fake = await startFakeTelegram();
    const serving = await serveTest(a, [
      telegramOn(a, fake, { TELEGRAM_MODE: "webhook", TELEGRAM_WEBHOOK_SECRET: secret }),
    ]);
    const post = (body: string, token?: string) =>
      fetch(`${serving.url}/webhooks/telegram`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { "x-telegram-bot-api-secret-token": token } : {}),
        },
        body,
      });
    return {
      a,
      fake,
      serving,
      post,
      close: async () => {
        await serving.stop();
        await fake.close();
      },
    };
  }

  it("refuses a wrong secret with 401 and processes nothing", async () => {
    const { a, serving, post, close } = await webhook();
    try {
      const update = JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 9, type: "private" },
          from: { id: 9, is_bot: false, first_name: "X" },
          text: "/dangky",
        },
      });
      expect((await post(update, "wrong-secret")).status).toBe(401);
      expect((await post(update)).status).toBe(401);
      await serving.pipeline.idle();
      expect(await a.store.dialogs.load("telegram", "9")).toBeNull();
      expect((await post(update, secret)).status).toBe(200);
      await serving.pipeline.idle();
      expect(await a.store.dialogs.load("telegram", "9")).not.toBeNull();
      expect((await fetch(`${serving.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${serving.url}/readyz`)).status).toBe(200);
    } finally {
      await close();
    }
  });

  it("answers 200 to a body that is no update, records each once as rejected with its reason, and processes nothing", async () => {
    const { a, fake, serving, post, close } = await webhook();
    try {
      const bodies = ["null", "42", "[]", '{"message":{"text":"/dangky"}}', '{"update_id":"7"}', '"hi"'];
      for (const body of [...bodies, "null"]) expect((await post(body, secret)).status).toBe(200);
      await serving.pipeline.idle();
      expect(await rejections(a.url)).toEqual([
        "a number",
        "a string",
        "an array",
        "no update_id",
        "no update_id",
        "null",
      ]);
      expect(fake.callsOf("sendMessage")).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("Telegram files", () => {
  const message = {
    message_id: 1,
    date: 0,
    chat: { id: 5, type: "private" as const, first_name: "An" },
    from: { id: 5, is_bot: false, first_name: "An" },
  };
  it("carry the name, MIME type and size Telegram gives, for the attachment rules", () => {
    const document = inputOf(
      {
        update_id: 1,
        message: {
          ...message,
          document: {
            file_id: "doc-id",
            file_unique_id: "u",
            file_name: "photo\u202Egpj.exe",
            mime_type: "application/x-msdownload",
            file_size: 2 * 1024 ** 3,
          },
        },
      },
      defaultFlows,
    );
    expect(document).toEqual({
      kind: "file",
      file: {
        kind: "document",
        channel: "telegram",
        ref: "doc-id",
        name: "photo\u202Egpj.exe",
        mime: "application/x-msdownload",
        size: 2 * 1024 ** 3,
      },
    });
    const photo = inputOf(
      {
        update_id: 2,
        message: {
          ...message,
          photo: [
            { file_id: "small", file_unique_id: "s", width: 90, height: 90, file_size: 1200 },
            { file_id: "large", file_unique_id: "l", width: 1280, height: 960, file_size: 180_000 },
          ],
        },
      },
      defaultFlows,
    );
    expect(photo).toEqual({
      kind: "file",
      file: { kind: "photo", channel: "telegram", ref: "large", size: 180_000 },
    });
  });
});
