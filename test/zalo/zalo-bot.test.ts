import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RecipientUnreachable } from "../../src/application/delivery/courier.ts";
import type { Speaker } from "../../src/application/i18n.ts";
import { createTranslator } from "../../src/application/i18n.ts";
import type { Runner } from "../../src/application/runner.ts";
import { createInvitation } from "../../src/application/services/invitations.ts";
import { viewAsText } from "../../src/bot/text.ts";
import { createZaloBotAdapter, type ZaloBotAdapter } from "../../src/bot/zalo-bot/adapter.ts";
import { createZaloBotApi, MAX_TEXT, ZaloBotApiError } from "../../src/bot/zalo-bot/api.ts";
import { renderReply, renderView } from "../../src/bot/zalo-bot/render.ts";
import { zaloBotSettings } from "../../src/bot/zalo-bot/settings.ts";
import { deliveryOf, eventOf } from "../../src/bot/zalo-bot/updates.ts";
import { defaultFlows } from "../../src/dialogs/flows/index.ts";
import { t, type View } from "../../src/dialogs/view.ts";
import type { Serving } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import { rejections } from "../storage/inspect.ts";
import { type TestApp, useApp } from "../support/app.ts";
import { freePort } from "../support/bot-process.ts";
import { FakeZaloBot } from "../support/fake-zalo-bot.ts";
import { root, threeTier } from "../support/fixtures.ts";
import { REGISTRATION } from "../support/registration.ts";
import { depsOf, serveTest } from "../support/serving.ts";
import { until } from "./support.ts";

const REFERENCE = join(root, "test/fixtures/zalo");
const wrappedText = readFileSync(join(REFERENCE, "bot-text-wrapped.json"), "utf8").trim();
const TOKEN = "1234567890:zalo-bot-test-token-abcdef";
const SECRET = "webhook-secret-123-long-enough-for-32";

const speaker: Speaker = { translator: createTranslator(threeTier), language: "vi" };

/** What the adapter makes of an event: the neutral update it carries, or null. */
const incomingOf = (event: NonNullable<ReturnType<typeof eventOf>>) =>
  deliveryOf(event, defaultFlows, 0)?.update ?? null;

/** The Zalo Bot adapter on a fake Bot Platform, from the settings the environment would give. */
function zaloBotOn(a: TestApp, url: string, publicUrl?: string): ZaloBotAdapter {
  const settings = zaloBotSettings.parse({
    ZALO_BOT_TOKEN: TOKEN,
    ZALO_BOT_API_ROOT: url,
    ZALO_BOT_WEBHOOK_SECRET: SECRET,
    ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
  });
  return createZaloBotAdapter(settings, depsOf(a));
}

describe("Zalo Bot events", () => {
  it("reads the documented wrapped reference payload", () => {
    const delivery = deliveryOf(eventOf(JSON.parse(wrappedText))!, defaultFlows, 0);
    expect(delivery).toEqual({
      key: "message.text.received:2d758cb5e222177a4e35",
      seq: expect.any(Number),
      update: {
        channel: "zalo-bot",
        chatId: "6ede9afa66b88fe6d6a9",
        user: { externalId: "6ede9afa66b88fe6d6a9", displayName: "Ted" },
        input: { kind: "text", text: "Xin chào" },
      },
    });
  });

  it("reads the flat form seen in production the same way", () => {
    const flat = JSON.parse(wrappedText).result;
    expect(incomingOf(eventOf(flat)!)).toEqual(incomingOf(eventOf(JSON.parse(wrappedText))!));
  });

  it("turns bare command words into commands, other texts into answers", () => {
    const input = (text: string) => {
      const event = JSON.parse(wrappedText);
      event.result.message.text = text;
      return incomingOf(eventOf(event)!)!.input;
    };
    expect(input("dangky")).toEqual({ kind: "command", name: "register", args: "" });
    expect(input("HUY")).toEqual({ kind: "command", name: "cancel", args: "" });
    expect(input("start Abc123_-xyz")).toEqual({ kind: "command", name: "start", args: "Abc123_-xyz" });
    expect(input("hoso của tôi")).toEqual({ kind: "text", text: "hoso của tôi" });
    expect(input("2")).toEqual({ kind: "text", text: "2" });
  });

  it("maps images to photo inputs and stickers, voice and unknown kinds to unsupported", () => {
    const message = JSON.parse(wrappedText).result.message;
    const of = (event_name: string, extra: object = {}) =>
      incomingOf(eventOf({ event_name, message: { ...message, text: undefined, ...extra } })!)?.input;
    expect(of("message.image.received", { photo: "https://photo.zdn.vn/a.jpg", caption: "Ảnh" })).toEqual({
      kind: "file",
      file: { kind: "photo", channel: "zalo-bot", ref: "https://photo.zdn.vn/a.jpg" },
    });
    expect(of("message.sticker.received")).toEqual({ kind: "unsupported", what: "sticker" });
    expect(of("message.voice.received")).toEqual({ kind: "unsupported", what: "voice" });
    expect(of("message.unsupported.received")).toEqual({ kind: "unsupported", what: "other" });
    expect(of("message.location.received")).toEqual({ kind: "unsupported", what: "other" });
    expect(of("bot.added")).toBeUndefined();
  });

  it("ignores group chats, bots and unreadable bodies", () => {
    const event = JSON.parse(wrappedText).result;
    expect(
      incomingOf({ ...event, message: { ...event.message, chat: { id: "g1", chat_type: "GROUP" } } }),
    ).toBeNull();
    expect(
      incomingOf({ ...event, message: { ...event.message, from: { id: "b", is_bot: true } } }),
    ).toBeNull();
    expect(eventOf({ ok: true })).toBeNull();
    expect(eventOf("text")).toBeNull();
  });
});

describe("Zalo Bot rendering", () => {
  const choice: View = {
    text: [t("queue.hint")],
    choices: [
      { id: "a", label: { raw: "Kinh tế" } },
      { id: "b", label: { raw: "Văn hóa – xã hội" } },
    ],
    expects: { kind: "choice" },
  };

  it("numbers the choices, as the console does", () => {
    expect(renderView(speaker, choice)).toEqual([viewAsText(speaker, choice)]);
    expect(renderView(speaker, choice)[0]).toContain("1. Kinh tế\n2. Văn hóa – xã hội");
  });

  it("turns action buttons into a line telling the member to open the queue", () => {
    const [text] = renderView(speaker, {
      text: [
        t("notify.new_submission", { code: "DVK-2026-000001", body: "Khối Dân vận" }),
        t("notify.buttons_hint"),
      ],
      actions: [
        { action: "accept", target: "s1", label: t("decision.accept") },
        { action: "reject", target: "s1", label: t("decision.reject") },
      ],
      expects: { kind: "none" },
    });
    expect(text).toContain("DVK-2026-000001");
    expect(text).toContain("Tiếp nhận · Không tiếp nhận");
    expect(text).toContain("hangdoi");
    expect(text).not.toContain("Chọn một nút bên dưới");
  });

  it("splits texts over 2,000 characters at paragraph boundaries", () => {
    const paragraph = "Người dân cùng làm. ".repeat(40).trim();
    const view: View = {
      text: Array.from({ length: 6 }, () => ({ key: "x", params: {} })),
      expects: { kind: "none" },
    };
    const long: Speaker = {
      translator: { text: () => paragraph, label: () => "", noticeVersion: "t" },
      language: "vi",
    };
    const pieces = renderView(long, view);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(pieces.join("\n")).toBe(Array(6).fill(paragraph).join("\n"));
  });

  it("never splits a character: emoji and marks stay whole across pieces", () => {
    const emoji: Speaker = {
      translator: { text: () => "🎉".repeat(1500), label: () => "", noticeVersion: "t" },
      language: "vi",
    };
    const pieces = renderView(emoji, { text: [t("x")], expects: { kind: "none" } });
    expect(pieces.length).toBe(2);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(MAX_TEXT);
      expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(pieces.join("")).toBe("🎉".repeat(1500));
  });

  it("answers a press on an old prompt or a bare notice with a sentence", () => {
    expect(renderReply(speaker, { views: [], stale: true })[0]).toContain("câu hỏi cũ");
    expect(renderReply(speaker, { views: [], notice: t("review.not_allowed") })).toHaveLength(1);
  });
});

describe("Zalo Bot API client", () => {
  let fake: FakeZaloBot;
  afterEach(async () => {
    await fake?.close();
  });

  it("sends texts, photos and chat actions, checking the envelope", async () => {
    fake = await FakeZaloBot.start({ token: TOKEN });
    const api = createZaloBotApi({ token: TOKEN, apiRoot: fake.url });
    const sent = await api.sendMessage("u1", "Xin chào");
    expect(sent.message_id).toMatch(/^[0-9a-f]{20}$/);
    await api.sendPhoto("u1", "https://example.org/chart.png", "Biểu đồ");
    await api.sendChatAction("u1");
    expect(fake.calls.map((c) => [c.method, c.body])).toEqual([
      ["sendMessage", { chat_id: "u1", text: "Xin chào" }],
      ["sendPhoto", { chat_id: "u1", photo: "https://example.org/chart.png", caption: "Biểu đồ" }],
      ["sendChatAction", { chat_id: "u1", action: "typing" }],
    ]);
    expect(fake.violations()).toEqual([]);
  });

  it("treats ok:false under HTTP 200 as an error, typed, without the token in its message", async () => {
    fake = await FakeZaloBot.start({ token: TOKEN });
    const api = createZaloBotApi({ token: TOKEN, apiRoot: fake.url });
    fake.failNext("sendMessage", {
      errorCode: 400,
      description: "Bad Request: chat not found",
      httpStatus: 200,
    });
    const error = await api.sendMessage("nobody", "Xin chào").catch((e) => e);
    expect(error).toBeInstanceOf(ZaloBotApiError);
    expect(error).toMatchObject({
      method: "sendMessage",
      code: 400,
      description: "Bad Request: chat not found",
    });
    const bad = createZaloBotApi({ token: "999:wrong-token-wrong-token-wrong", apiRoot: fake.url });
    const unauthorized = await bad.getMe().catch((e) => e);
    expect(unauthorized).toMatchObject({ code: 401, unauthorized: true });
    expect(unauthorized.message).not.toContain("wrong-token");
    const offline = createZaloBotApi({ token: TOKEN, apiRoot: "http://127.0.0.1:9", timeoutMs: 2000 });
    const unreachable = await offline.getMe().catch((e) => e);
    expect(unreachable).toMatchObject({ code: 0 });
    expect(unreachable.message).not.toContain(TOKEN);
  });

  it("retries once after a 429, and refuses texts Zalo would refuse", async () => {
    fake = await FakeZaloBot.start({ token: TOKEN });
    const api = createZaloBotApi({ token: TOKEN, apiRoot: fake.url, retryAfterMs: 10 });
    fake.failNext("sendMessage", { errorCode: 429, description: "Too Many Requests", httpStatus: 429 });
    await api.sendMessage("u1", "Lần hai");
    expect(fake.calls.map((c) => c.httpStatus)).toEqual([429, 200]);
    await expect(api.sendMessage("u1", "x".repeat(MAX_TEXT + 1))).rejects.toThrow(RangeError);
    await expect(api.sendMessage("u1", "")).rejects.toThrow(RangeError);
  });
});

describe.each(databaseKinds)("Zalo Bot channel end to end on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });
  let fake: FakeZaloBot;
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    await fake?.close();
  });

  /** The channel served as `npm start` serves it, its webhook registered at the server's address. */
  async function setup(runner?: Pick<Runner, "handle">): Promise<ZaloBotAdapter> {
    const a = app();
    fake = await FakeZaloBot.start({ token: TOKEN });
    const port = await freePort();
    const adapter = zaloBotOn(a, fake.url, `http://127.0.0.1:${port}`);
    const on = runner ? { ...a, runner: runner as Runner } : a;
    serving = await serveTest(on, [adapter], { HTTP_PORT: String(port) });
    return adapter;
  }
  const idle = () => serving!.pipeline.idle();

  /** A user types a message; resolves with everything the bot answered. */
  async function say(
    _channel: ZaloBotAdapter,
    user: { id: string; name: string },
    text: string,
  ): Promise<string> {
    const before = fake.texts(user.id).length;
    const delivery = await fake.deliver(fake.textEvent(user, text));
    expect(delivery.status).toBe(200);
    await idle();
    return fake.textsSince(user.id, before);
  }

  it("registers its webhook with the secret at start", async () => {
    await setup();
    expect(fake.webhook?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/zalo-bot$/);
    expect(fake.calls[0]).toMatchObject({ method: "setWebhook", body: { secret_token: SECRET }, ok: true });
  });

  it("refuses a wrong or missing secret with 401 and processes nothing", async () => {
    await setup();
    const user = { id: "intruder", name: "X" };
    for (const secret of ["webhook-secret-124-long-enough-for-32", "", null, `${SECRET}x`]) {
      const delivery = await fake.deliver(fake.textEvent(user, "dangky"), { secret });
      expect(delivery.status).toBe(401);
    }
    await idle();
    expect(fake.texts("intruder")).toEqual([]);
    expect(await app().store.dialogs.load("zalo-bot", "intruder")).toBeNull();
  });

  it("answers 200 to a body that is no event, records it as rejected with its reason, and processes nothing", async () => {
    await setup();
    for (const body of ["null", "7", "[]", '{"ok":true,"result":{"event_name":"message.text.received"}}'])
      expect((await fake.deliver(body)).status).toBe(200);
    await idle();
    expect(await rejections(app().url)).toEqual([
      "a number",
      "an array",
      "no event_name and message",
      "null",
    ]);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("answers the webhook at once and processes after, in order per chat", async () => {
    const a = app();
    // Chat A's first message is held until the test lets it go: its webhook is still answered at
    // once, A's second message waits behind it, and chat B goes ahead.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    await setup({
      async handle(update, hooks) {
        seen.push(`${update.chatId}:${update.input.kind}`);
        if (update.chatId === "A" && update.input.kind === "command") await gate;
        return a.runner.handle(update, hooks);
      },
    });
    const A = { id: "A", name: "An" };
    const B = { id: "B", name: "Bình" };
    const first = await fake.deliver(fake.textEvent(A, "dangky"));
    expect(first.status).toBe(200);
    expect(first.ms).toBeLessThan(1000);
    expect((await fake.deliver(fake.textEvent(A, "Kinh tế"))).status).toBe(200);
    expect((await fake.deliver(fake.textEvent(B, "trogiup"))).status).toBe(200);
    await until(() => fake.texts("B").length > 0);
    expect(fake.texts("A")).toEqual([]);
    expect(seen).toEqual(["A:command", "B:command"]);
    release();
    await idle();
    const texts = fake.texts("A").join("\n\n");
    expect(texts.indexOf("Câu 1/27")).toBeGreaterThanOrEqual(0);
    expect(texts.indexOf("Câu 1/27")).toBeLessThan(texts.indexOf("Câu 2/27"));
    expect(seen).toEqual(["A:command", "B:command", "A:text"]);
  });

  it("processes a repeated delivery once (event + message_id), wrapped or flat", async () => {
    await setup();
    const user = { id: "dup", name: "D" };
    const event = fake.textEvent(user, "dangky");
    await fake.deliver(event);
    await fake.deliver(event, { wrapped: false });
    await fake.deliver(event);
    await idle();
    expect(fake.texts("dup").filter((t) => t.includes("Câu 1/27"))).toHaveLength(1);
    const next = fake.textEvent(user, "1");
    await fake.deliver(next, { wrapped: false });
    await fake.deliver(next);
    await idle();
    expect(fake.texts("dup").filter((t) => t.includes("Câu 2/27"))).toHaveLength(1);
  });

  it("greets unsupported messages politely and takes photos at the attachment step", async () => {
    const channel = await setup();
    const user = { id: "pic", name: "P" };
    await fake.deliver(fake.otherEvent(user, "message.sticker.received"));
    await idle();
    expect(fake.texts("pic").join("\n")).toContain("Mình chưa đọc được loại tin nhắn này");
    await say(channel, user, "dangky");
    for (const answer of REGISTRATION.slice(0, 20)) await say(channel, user, answer);
    const before = fake.texts("pic").length;
    await fake.deliver(fake.imageEvent(user, "https://photo.zdn.vn/hoa.jpg"));
    await idle();
    expect(fake.textsSince("pic", before)).toContain("Đã nhận 1 tệp");
    const session = await app().store.dialogs.load("zalo-bot", "pic");
    expect(JSON.stringify(session?.state)).toContain("https://photo.zdn.vn/hoa.jpg");
  });

  it("registers a model with numbered choices, and a committee member decides on Zalo", async () => {
    const a = app();
    const channel = await setup();
    const dispatcher = serving!.dispatcher;
    const member = { id: "member-zalo", name: "Chị Hoa" };
    const citizen = { id: "citizen-zalo", name: "Anh An" };

    // The committee member joins with the invitation code typed without a slash.
    const { code } = await createInvitation(a.store, {
      bodyCode: "NB-TP-NN",
      role: "committee",
      now: a.clock(),
    });
    expect(await say(channel, member, `start ${code}`)).toContain("thành viên Ban Chỉ đạo");

    // The citizen registers, answering by number and by label (any case, no accents).
    expect(await say(channel, citizen, "dangky")).toContain("1. Kinh tế");
    for (const answer of REGISTRATION) await say(channel, citizen, answer);
    const done = await say(channel, citizen, "gui dang ky");
    expect(done).toContain("Mã hồ sơ của bạn: DVK-2026-000001");
    const [submission] = await a.store.submissions.list();
    expect(submission).toMatchObject({ status: "submitted", queueBodyCode: "NB-TP-NN" });

    // The member is told of the arrival, with the way to act instead of buttons.
    // Delivered after the commit (the pipeline kicks the dispatcher), or by this pass.
    await dispatcher.runOnce();
    await until(() => fake.texts(member.id).some((m) => m.includes("DVK-2026-000001")));
    const arrival = fake.texts(member.id).at(-1)!;
    expect(arrival).toContain("DVK-2026-000001");
    expect(arrival).toContain("gửi tin nhắn: hangdoi");

    // …opens the queue, the submission, and accepts it by typing the decision's label.
    expect(await say(channel, member, "hangdoi")).toContain("DVK-2026-000001");
    const review = await say(channel, member, "1");
    expect(review).toMatch(/\d+\. Tiếp nhận/);
    expect(await say(channel, member, "tiep nhan")).toContain("Đã xử lý hồ sơ DVK-2026-000001");
    expect((await a.store.submissions.get(submission!.id))?.status).toBe("accepted");

    // The registrant hears of it; the member's copy of the arrival is followed by the outcome.
    await dispatcher.runOnce();
    expect(fake.texts(citizen.id).at(-1)).toContain("DVK-2026-000001");
    const outcome = fake.texts(member.id).at(-1)!;
    expect(outcome).toContain("DVK-2026-000001");
    expect(outcome).toContain("Đã tiếp nhận — bởi Chị Hoa");
    expect(outcome).not.toContain("Tên đơn vị");
    expect(fake.violations()).toEqual([]);
    expect(fake.sent.every((m) => (m.text ?? "").length <= MAX_TEXT)).toBe(true);
  });

  it("tells the dispatcher a person who blocked the bot is unreachable", async () => {
    await setup();
    const channel = zaloBotOn(app(), fake.url);
    fake.failNext("sendMessage", { errorCode: 403, description: "Forbidden: user blocked the bot" });
    const error = await channel
      .send("blocker", [{ text: [t("notify.next_other")], expects: { kind: "none" } }], speaker)
      .catch((e) => e);
    expect(error).toBeInstanceOf(RecipientUnreachable);
    fake.failNext("sendMessage", { errorCode: 500, description: "Internal error", httpStatus: 500 });
    const other = await channel
      .send("u", [{ text: [t("notify.next_other")], expects: { kind: "none" } }], speaker)
      .catch((e) => e);
    expect(other).toBeInstanceOf(ZaloBotApiError);
  });
});
