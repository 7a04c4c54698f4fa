import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "./support/fake-telegram.ts";
import { parseHtml, parseMarkdownV2 } from "./support/telegram-format.ts";

const an: FakeUser = { id: 501, first_name: "An", language_code: "vi" };

let fake: FakeTelegram;
let bot: Bot;

beforeEach(async () => {
  fake = await startFakeTelegram();
  bot = new Bot(fake.token, { client: { apiRoot: fake.url } });
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await fake.close();
});

/** Posts a raw Bot API request, bypassing grammY's typing. */
async function call(
  method: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.url}/bot${fake.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function grammyError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

/** A local webhook receiver that records what it got and answers with `statuses` in turn (then 200). */
async function webhookReceiver(statuses: number[] = []) {
  const received: { headers: IncomingMessage["headers"]; update: { update_id: number } }[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, update: JSON.parse(Buffer.concat(chunks).toString()) });
    res.writeHead(statuses.shift() ?? 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, received, close };
}

describe("the fake Bot API through grammY", () => {
  it("answers getMe", async () => {
    await bot.init();
    expect(bot.botInfo.username).toBe("dvk_test_bot");
    expect(bot.botInfo.id).toBe(fake.botUser.id);
    expect(fake.callsOf("getMe")).toHaveLength(1);
    expect(fake.violations()).toEqual([]);
  });

  it("records a message with an inline keyboard and shows it in the transcript", async () => {
    const keyboard = new InlineKeyboard().text("Có", "yes").text("Không", "no");
    const sent = await bot.api.sendMessage(an.id, "Bạn có đồng ý không?", { reply_markup: keyboard });

    expect(sent.message_id).toBe(1);
    expect(sent.from?.id).toBe(fake.botUser.id);
    const [recorded] = fake.callsOf("sendMessage");
    expect(recorded?.params).toMatchObject({ chat_id: an.id, text: "Bạn có đồng ý không?" });
    expect(fake.chat(an.id)).toEqual([
      expect.objectContaining({
        message_id: 1,
        from: "bot",
        kind: "text",
        text: "Bạn có đồng ý không?",
        reply_markup: {
          inline_keyboard: [
            [
              { text: "Có", callback_data: "yes" },
              { text: "Không", callback_data: "no" },
            ],
          ],
        },
      }),
    ]);
    expect(fake.violations()).toEqual([]);
  });

  it("numbers messages per chat, counting the user's own", async () => {
    fake.sendText(an, "xin chào");
    const reply = await bot.api.sendMessage(an.id, "Chào An");
    const other = await bot.api.sendMessage(777, "Chào bạn");
    expect(reply.message_id).toBe(2);
    expect(other.message_id).toBe(1);
    expect(fake.chat(an.id, { includeUser: true }).map((m) => [m.from, m.text])).toEqual([
      ["user", "xin chào"],
      ["bot", "Chào An"],
    ]);
  });

  it("rejects callback_data over 64 bytes as a violation", async () => {
    const data = `${"ă".repeat(32)}x`; // 33 characters but 65 bytes of UTF-8
    const error = await grammyError(
      bot.api.sendMessage(an.id, "Chọn", { reply_markup: new InlineKeyboard().text("A", data) }),
    );
    expect(error.error_code).toBe(400);
    expect(error.description).toContain("BUTTON_DATA_INVALID");
    expect(fake.violations()).toHaveLength(1);
    expect(fake.violations()[0]?.rejected).toContain("65 bytes");
    expect(fake.chat(an.id)).toEqual([]);

    await bot.api.sendMessage(an.id, "Chọn", {
      reply_markup: new InlineKeyboard().text("A", "ă".repeat(32)),
    });
    expect(fake.chat(an.id)).toHaveLength(1);
  });

  it("rejects an unknown method and a missing required field", async () => {
    const unknown = await call("sendTelepathy", { chat_id: an.id });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({
      ok: false,
      error_code: 404,
      description: "Not Found: method not found",
    });

    const missing = await call("sendMessage", { chat_id: an.id });
    expect(missing.status).toBe(400);
    expect(missing.json.description).toBe('Bad Request: parameter "text" is required');

    const extra = await call("sendMessage", { chat_id: an.id, text: "hi", colour: "red" });
    expect(extra.json.description).toContain('unknown parameter "colour"');

    const wrongType = await call("sendMessage", { chat_id: an.id, text: "hi", disable_notification: "yes" });
    expect(wrongType.json.description).toContain('"disable_notification" must be Boolean');

    expect(fake.violations().map((c) => c.method)).toEqual([
      "sendTelepathy",
      "sendMessage",
      "sendMessage",
      "sendMessage",
    ]);
  });

  it("checks nested objects: button actions and unknown fields", async () => {
    const noAction = await call("sendMessage", {
      chat_id: an.id,
      text: "x",
      reply_markup: { inline_keyboard: [[{ text: "A" }]] },
    });
    expect(noAction.json.description).toContain("Text buttons are unallowed");

    const twoActions = await call("sendMessage", {
      chat_id: an.id,
      text: "x",
      reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a", url: "https://example.org" }]] },
    });
    expect(twoActions.json.description).toContain("exactly one action");

    const typo = await call("sendMessage", {
      chat_id: an.id,
      text: "x",
      reply_parameters: { message_id: 1, allow_sending_without_replies: true },
    });
    expect(typo.json.description).toContain('unknown field "reply_parameters.allow_sending_without_replies"');
    expect(fake.violations()).toHaveLength(3);
  });

  it("enforces text, caption, answer and command limits", async () => {
    await grammyError(bot.api.sendMessage(an.id, "x".repeat(4097)));
    await bot.api.sendMessage(an.id, "x".repeat(4096));
    // Markup does not count: 4096 visible characters inside <b> are fine.
    await bot.api.sendMessage(an.id, `<b>${"x".repeat(4096)}</b>`, { parse_mode: "HTML" });
    await grammyError(bot.api.sendMessage(an.id, "   "));
    await grammyError(bot.api.sendPhoto(an.id, "photo-id", { caption: "c".repeat(1025) }));
    await grammyError(bot.api.answerCallbackQuery("1", { text: "t".repeat(201) }));
    await grammyError(bot.api.setMyCommands([{ command: "Start", description: "Bắt đầu" }]));
    await grammyError(bot.api.setMyCommands([{ command: "start", description: "" }]));
    await grammyError(bot.api.sendMessage(an.id, "a < b", { parse_mode: "HTML" }));
    await grammyError(bot.api.sendMessage(an.id, "Xong.", { parse_mode: "MarkdownV2" }));

    expect(fake.violations().map((c) => c.description)).toEqual([
      expect.stringContaining("message is too long"),
      expect.stringContaining("message text is empty"),
      expect.stringContaining("message caption is too long"),
      expect.stringContaining("MESSAGE_TOO_LONG"),
      expect.stringContaining("BOT_COMMAND_INVALID"),
      expect.stringContaining("BOT_COMMAND_DESCRIPTION_INVALID"),
      expect.stringContaining("can't parse entities"),
      expect.stringContaining("Character '.' is reserved"),
    ]);
  });

  it("stores commands per scope and language", async () => {
    await bot.api.setMyCommands([{ command: "start", description: "Bắt đầu" }]);
    await bot.api.setMyCommands([{ command: "start", description: "Start" }], { language_code: "en" });
    expect(await bot.api.getMyCommands()).toEqual([{ command: "start", description: "Bắt đầu" }]);
    expect(await bot.api.getMyCommands({ language_code: "en" })).toEqual([
      { command: "start", description: "Start" },
    ]);
    expect(fake.myCommands(undefined, "en")).toEqual([{ command: "start", description: "Start" }]);
    expect(fake.violations()).toEqual([]);
  });
});

describe("transports and options", () => {
  it("accepts urlencoded forms, query strings and any casing of the method name", async () => {
    const markup = JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] });
    const form = new URLSearchParams({ chat_id: String(an.id), text: "qua form", reply_markup: markup });
    const res = await fetch(`${fake.url}/bot${fake.token}/SENDMESSAGE`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    const get = await fetch(`${fake.url}/bot${fake.token}/sendMessage?chat_id=${an.id}&text=qua+GET`);
    expect(get.status).toBe(200);

    const [viaForm, viaQuery] = fake.callsOf("sendMessage");
    expect(viaForm).toMatchObject({ transport: "urlencoded", params: { chat_id: an.id, text: "qua form" } });
    expect(viaForm?.params.reply_markup).toEqual(JSON.parse(markup));
    expect(viaQuery).toMatchObject({ transport: "query", params: { chat_id: an.id, text: "qua GET" } });

    const badBoolean = new URLSearchParams({ chat_id: String(an.id), text: "x", protect_content: "maybe" });
    await fetch(`${fake.url}/bot${fake.token}/sendMessage`, { method: "POST", body: badBoolean });
    expect(fake.violations()).toHaveLength(1);
  });

  it("accepts only its token when given one", async () => {
    await fake.close();
    fake = await startFakeTelegram({ token: "42:secret", username: "other_bot", strictChats: true });
    const wrong = new Bot("43:guess", { client: { apiRoot: fake.url } });
    expect((await grammyError(wrong.api.getMe())).error_code).toBe(401);
    bot = new Bot(fake.token, { client: { apiRoot: fake.url } });
    expect(await bot.api.getMe()).toMatchObject({ id: 42, username: "other_bot" });
    // strictChats: only users who wrote to the bot can be written to.
    expect((await grammyError(bot.api.sendMessage(an.id, "?"))).description).toBe(
      "Bad Request: chat not found",
    );
    fake.sendText(an, "chào");
    await bot.api.sendMessage(an.id, "chào An");
  });
});

describe("getUpdates", () => {
  it("returns queued updates and drops them once confirmed by offset", async () => {
    const first = fake.sendText(an, "một");
    const second = fake.sendCommand(an, "/start", "invite-42");

    const updates = await bot.api.getUpdates({ timeout: 0 });
    expect(updates.map((u) => u.update_id)).toEqual([first, second]);
    expect(updates[1]?.message?.text).toBe("/start invite-42");
    expect(updates[1]?.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);

    // Unconfirmed updates are handed out again; an offset confirms them.
    expect(await bot.api.getUpdates({ timeout: 0, limit: 1 })).toHaveLength(1);
    expect(await bot.api.getUpdates({ offset: second, timeout: 0 })).toHaveLength(1);
    expect(await bot.api.getUpdates({ offset: second + 1, timeout: 0 })).toEqual([]);
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("holds a long poll until an update arrives", async () => {
    const started = Date.now();
    const poll = bot.api.getUpdates({ timeout: 10 });
    await fake.waitFor(() => Date.now() - started > 150);
    const id = fake.sendText(an, "đang chờ");
    const updates = await poll;
    expect(updates.map((u) => u.update_id)).toEqual([id]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("answers [] when the long poll times out", async () => {
    const started = Date.now();
    expect(await bot.api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("ends a waiting long poll promptly when the server closes", async () => {
    const poll = call("getUpdates", { timeout: 30 });
    await fake.waitFor(() => true);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await fake.close();
    expect((await poll).json).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("drives a polling grammY bot end to end, including bot.stop()", async () => {
    bot.command("start", (ctx) =>
      ctx.reply(`Chào ${ctx.from?.first_name}`, {
        reply_markup: new InlineKeyboard().text("Đăng ký", "register"),
      }),
    );
    bot.callbackQuery("register", async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText("Đang đăng ký…");
    });
    void bot.start({ timeout: 5 });

    fake.sendCommand(an, "/start");
    const greeting = await fake.waitFor((f) => f.lastMessage(an.id));
    expect(greeting.text).toBe("Chào An");

    fake.press(an, greeting.message_id, "register");
    await fake.waitFor((f) => f.lastMessage(an.id)?.text === "Đang đăng ký…");
    expect(fake.lastMessage(an.id)?.reply_markup).toBeUndefined(); // edits without markup drop the keyboard
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1);

    await bot.stop();
    expect(fake.violations()).toEqual([]);
    expect(fake.errors()).toEqual([]);
  });

  it("delivers a duplicated update twice", async () => {
    const seen: number[] = [];
    bot.on("message", (ctx) => {
      seen.push(ctx.update.update_id);
    });
    void bot.start({ timeout: 5 });
    const id = fake.sendText(an, "một lần");
    await fake.waitFor(() => seen.length === 1);
    fake.duplicateLast();
    await fake.waitFor(() => seen.length === 2);
    expect(seen).toEqual([id, id]);
  });

  it("honours a negative offset, allowed_updates and re-sent update ids", async () => {
    const ids = [fake.sendText(an, "1"), fake.sendText(an, "2"), fake.sendText(an, "3")];
    expect((await bot.api.getUpdates({ offset: -1, timeout: 0 })).map((u) => u.update_id)).toEqual([ids[2]]);
    expect(fake.pendingUpdates()).toHaveLength(1);
    await bot.api.getUpdates({ offset: ids[2]! + 1, timeout: 0 });

    fake.sendText(an, "tin nhắn");
    const pressed = fake.inject({
      callback_query: {
        id: "q1",
        from: { id: an.id, is_bot: false, first_name: "An" },
        chat_instance: "1",
        data: "x",
      },
    });
    const updates = await bot.api.getUpdates({ timeout: 0, allowed_updates: ["callback_query"] });
    expect(updates.map((u) => u.update_id)).toEqual([pressed]);
    await bot.api.getUpdates({ offset: pressed + 1, timeout: 0, allowed_updates: [] });

    // The same update_id again is delivered again, even to a poller whose offset is past it.
    fake.inject({ update_id: pressed, callback_query: updates[0]!.callback_query! });
    const again = await bot.api.getUpdates({ offset: pressed + 1, timeout: 0 });
    expect(again.map((u) => u.update_id)).toEqual([pressed]);
    expect(await bot.api.getUpdates({ offset: pressed + 1, timeout: 0 })).toEqual([]);
  });

  it("refuses to press a button that is not there", () => {
    expect(() => fake.press(an, 1, "x")).toThrow(/no message 1/);
  });
});

describe("webhooks", () => {
  it("posts updates with the secret header, in order, retrying failures", async () => {
    const hook = await webhookReceiver([500]);
    try {
      await bot.api.setWebhook(hook.url, { secret_token: "s3cret_TOKEN-1" });
      const first = fake.sendText(an, "một");
      const second = fake.sendText(an, "hai");
      await fake.waitFor(() => fake.pendingUpdates().length === 0 && hook.received.length === 3);

      expect(hook.received.map((r) => r.update.update_id)).toEqual([first, first, second]);
      expect(
        hook.received.every((r) => r.headers["x-telegram-bot-api-secret-token"] === "s3cret_TOKEN-1"),
      ).toBe(true);
      expect(fake.webhookDeliveries().map((d) => d.status)).toEqual([500, 200, 200]);
      const info = await bot.api.getWebhookInfo();
      expect(info).toMatchObject({ url: hook.url, pending_update_count: 0 });
      expect(info.last_error_message).toContain("500");

      const conflict = await grammyError(bot.api.getUpdates());
      expect(conflict.error_code).toBe(409);

      await bot.api.deleteWebhook();
      fake.sendText(an, "ba");
      expect(await bot.api.getUpdates({ timeout: 0 })).toHaveLength(1);
      expect(hook.received).toHaveLength(3);
    } finally {
      await hook.close();
    }
  });

  it("performs a method call the webhook answers with", async () => {
    const replying = new Bot(fake.token, {
      client: { apiRoot: fake.url, canUseWebhookReply: (method) => method === "sendMessage" },
    });
    replying.on("message:text", (ctx) => ctx.reply("trả lời ngay"));
    await replying.init();
    const server = createServer(webhookCallback(replying, "http"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await replying.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      fake.sendText(an, "hỏi");
      const reply = await fake.waitForCall("sendMessage");
      expect(reply.transport).toBe("webhook-reply");
      expect(fake.lastMessage(an.id)?.text).toBe("trả lời ngay");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("rejects a secret token Telegram would refuse", async () => {
    await grammyError(bot.api.setWebhook("http://127.0.0.1:9/hook", { secret_token: "has spaces" }));
    expect(fake.violations()[0]?.description).toContain("secret token contains unallowed characters");
  });

  it("works with grammY's webhookCallback, which checks the secret", async () => {
    bot.on("message:text", (ctx) => ctx.reply(`Đã nhận: ${ctx.message.text}`));
    await bot.init();
    const server = createServer(webhookCallback(bot, "http", { secretToken: "right" }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      await bot.api.setWebhook(url, { secret_token: "right" });
      fake.sendText(an, "báo cáo");
      await fake.waitFor((f) => f.lastMessage(an.id)?.text === "Đã nhận: báo cáo");
      expect(fake.violations()).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("faults", () => {
  it("answers an injected 429 once, then succeeds", async () => {
    fake.failNext("sendMessage", { status: 429, retryAfter: 3 });
    const error = await grammyError(bot.api.sendMessage(an.id, "một"));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(3);
    expect(fake.chat(an.id)).toEqual([]);

    await bot.api.sendMessage(an.id, "một");
    expect(fake.chat(an.id).map((m) => m.text)).toEqual(["một"]);
    expect(fake.callsOf("sendMessage").map((c) => [c.status, c.injected ?? false])).toEqual([
      [429, true],
      [200, false],
    ]);
    expect(fake.violations()).toEqual([]);
    expect(fake.errors()).toEqual([]);
  });

  it("lets the auto-retry plugin wait out a 429", async () => {
    bot.api.config.use(autoRetry());
    fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    await bot.api.sendMessage(an.id, "kiên nhẫn");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.callsOf("sendMessage")).toHaveLength(2);
  });

  it("injects 5xx errors a given number of times", async () => {
    fake.failNext("sendChatAction", { status: 502 }, 2);
    expect((await grammyError(bot.api.sendChatAction(an.id, "typing"))).error_code).toBe(502);
    expect((await grammyError(bot.api.sendChatAction(an.id, "typing"))).error_code).toBe(502);
    expect(await bot.api.sendChatAction(an.id, "typing")).toBe(true);
  });

  it("adds latency", async () => {
    fake.setLatency(200);
    const started = Date.now();
    await bot.api.getMe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("answers 403 to a user who blocked the bot", async () => {
    fake.block(an);
    const error = await grammyError(bot.api.sendMessage(an.id, "còn đó không?"));
    expect(error.error_code).toBe(403);
    expect(fake.violations()).toEqual([]);
    expect(fake.errors()).toHaveLength(1);
    expect(fake.pendingUpdates()[0]?.my_chat_member?.new_chat_member.status).toBe("kicked");
  });
});

describe("edits", () => {
  it("refuses an edit that changes nothing, and a message that does not exist", async () => {
    const keyboard = new InlineKeyboard().text("OK", "ok");
    const sent = await bot.api.sendMessage(an.id, "Bước 1", { reply_markup: keyboard });

    const same = await grammyError(
      bot.api.editMessageText(an.id, sent.message_id, "Bước 1", { reply_markup: keyboard }),
    );
    expect(same.description).toContain("message is not modified");

    await bot.api.editMessageText(an.id, sent.message_id, "Bước 2", { reply_markup: keyboard });
    expect(fake.chat(an.id)).toEqual([
      expect.objectContaining({ text: "Bước 2", edited: true, reply_markup: keyboard }),
    ]);

    await bot.api.editMessageReplyMarkup(an.id, sent.message_id);
    expect(fake.lastMessage(an.id)?.reply_markup).toBeUndefined();
    const again = await grammyError(bot.api.editMessageReplyMarkup(an.id, sent.message_id));
    expect(again.description).toContain("message is not modified");

    const missing = await grammyError(bot.api.editMessageText(an.id, 99, "?"));
    expect(missing.description).toBe("Bad Request: message to edit not found");

    await bot.api.deleteMessage(an.id, sent.message_id);
    expect(fake.chat(an.id)).toEqual([]);
    // State errors are not violations: the calls were well-formed.
    expect(fake.violations()).toEqual([]);
    expect(fake.errors()).toHaveLength(3);
  });

  it("a callback query carries the message as it currently is", async () => {
    const sent = await bot.api.sendMessage(an.id, "Chọn", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    await bot.api.editMessageText(an.id, sent.message_id, "Chọn lại", {
      reply_markup: new InlineKeyboard().text("B", "b"),
    });
    expect(() => fake.press(an, sent.message_id, "a")).toThrow(/no button "a"/);
    fake.press(an, sent.message_id, "b");
    const [update] = await bot.api.getUpdates({ timeout: 0 });
    const query = update?.callback_query;
    expect(query?.data).toBe("b");
    expect(query?.message && "text" in query.message ? query.message.text : undefined).toBe("Chọn lại");
    expect(await bot.api.answerCallbackQuery(query!.id, { text: "Đã chọn B" })).toBe(true);
    const twice = await grammyError(bot.api.answerCallbackQuery(query!.id));
    expect(twice.description).toContain("query is too old");
  });
});

describe("files", () => {
  it("accepts multipart uploads and notes the file", async () => {
    const bytes = Buffer.from("%PDF-1.4 fake report");
    const sent = await bot.api.sendDocument(an.id, new InputFile(bytes, "bao cao quý.pdf"), {
      caption: "Báo cáo",
      reply_markup: new InlineKeyboard().text("Tải lại", "reload"),
    });
    expect(sent.document?.file_name).toBe("bao cao quý.pdf");
    const [recorded] = fake.callsOf("sendDocument");
    expect(recorded?.transport).toBe("multipart");
    expect(recorded?.params.chat_id).toBe(an.id);
    expect(recorded?.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Tải lại", callback_data: "reload" }]],
    });
    expect(fake.uploads()).toEqual([
      expect.objectContaining({ method: "sendDocument", param: "document", file_id: sent.document?.file_id }),
    ]);
    expect(fake.uploads()[0]?.file).toMatchObject({ filename: "bao cao quý.pdf", size: bytes.length });
    expect(fake.lastMessage(an.id)).toMatchObject({ kind: "document", caption: "Báo cáo" });

    const photo = await bot.api.sendPhoto(an.id, new InputFile(Buffer.alloc(2048), "anh.jpg"));
    expect(photo.photo?.at(-1)?.file_size).toBe(2048);
    expect(fake.callsOf("sendPhoto")[0]?.files[0]).toMatchObject({ filename: "anh.jpg", size: 2048 });
    expect(fake.violations()).toEqual([]);
  });

  it("sends a known file_id as JSON, and serves files the users sent", async () => {
    const content = Buffer.from("image bytes");
    fake.sendPhoto(an, { caption: "Ảnh hiện trường", content });
    const [update] = await bot.api.getUpdates({ timeout: 0 });
    const largest = update?.message?.photo?.at(-1);
    expect(update?.message?.caption).toBe("Ảnh hiện trường");

    await bot.api.sendPhoto(an.id, largest!.file_id);
    expect(fake.callsOf("sendPhoto")[0]?.transport).toBe("json");

    const file = await bot.api.getFile(largest!.file_id);
    const download = await fetch(`${fake.url}/file/bot${fake.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);

    fake.sendDocument(an, { file_name: "ho-so.docx" });
    fake.sendSticker(an);
    const kinds = fake.chat(an.id, { includeUser: true }).map((m) => `${m.from}:${m.kind}`);
    expect(kinds).toEqual(["user:photo", "bot:photo", "user:document", "user:sticker"]);
  });
});

describe("formatting", () => {
  it("parses Telegram HTML into text and entities", () => {
    expect(parseHtml('<b>Đậm</b> &amp; <a href="https://x.vn">link</a>')).toEqual({
      text: "Đậm & link",
      entities: [
        { type: "bold", offset: 0, length: 3 },
        { type: "text_link", offset: 6, length: 4, url: "https://x.vn" },
      ],
    });
    expect(() => parseHtml("<b>open")).toThrow(/end tag/);
    expect(() => parseHtml("<br>")).toThrow(/Unsupported start tag "br"/);
  });

  it("parses MarkdownV2 and finds unescaped characters", () => {
    expect(parseMarkdownV2("*Đậm* và _nghiêng_ 1\\.5")).toEqual({
      text: "Đậm và nghiêng 1.5",
      entities: [
        { type: "bold", offset: 0, length: 3 },
        { type: "italic", offset: 7, length: 7 },
      ],
    });
    expect(() => parseMarkdownV2("1-2")).toThrow(/'-' is reserved/);
    expect(() => parseMarkdownV2("*open")).toThrow(/Bold/);
  });
});
