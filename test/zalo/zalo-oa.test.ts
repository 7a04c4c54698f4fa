import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Speaker } from "../../src/application/i18n.ts";
import { createTranslator } from "../../src/application/i18n.ts";
import type { Runner } from "../../src/application/runner.ts";
import { createInvitation } from "../../src/application/services/invitations.ts";
import { createZaloOaAdapter, type ZaloOaAdapter } from "../../src/bot/zalo-oa/adapter.ts";
import { MAX_BUTTONS, MAX_TEXT } from "../../src/bot/zalo-oa/api.ts";
import { decodePayload, encodeAction, encodePick } from "../../src/bot/zalo-oa/payload.ts";
import { renderView } from "../../src/bot/zalo-oa/render.ts";
import { zaloOaSettings } from "../../src/bot/zalo-oa/settings.ts";
import { oaSignature, verifyOaSignature } from "../../src/bot/zalo-oa/signature.ts";
import { eventOf, localPhone, actionOf as readAction } from "../../src/bot/zalo-oa/updates.ts";
import { parseJsonKeepingIds } from "../../src/bot/zalo-shared/json.ts";
import { defaultFlows } from "../../src/dialogs/flows/index.ts";
import { t, type View } from "../../src/dialogs/view.ts";
import { fold } from "../../src/domain/text.ts";
import type { Serving } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import { rejections } from "../storage/inspect.ts";
import { type TestApp, useApp } from "../support/app.ts";
import { freePort } from "../support/bot-process.ts";
import { FakeZaloOa } from "../support/fake-zalo-oa.ts";
import { root, threeTier } from "../support/fixtures.ts";
import { REGISTRATION } from "../support/registration.ts";
import { depsOf, serveTest } from "../support/serving.ts";
import { recordingRunner, until } from "./support.ts";

const REFERENCE = join(root, "test/fixtures/zalo");
const reference = (file: string) => readFileSync(join(REFERENCE, file), "utf8").replace(/\n$/, "");
const sendTextRaw = reference("oa-user-send-text.json");
const sendTextSignature = /^header=(.*)$/m.exec(reference("oa-user-send-text.signature.txt"))![1]!;
const submitInfoRaw = reference("oa-user-submit-info.json");

const APP_ID = "2553928453557884079";
const SECRET_KEY = "test-oa-secret";
const APP_SECRET = "oa-app-secret";
const USER = "6142494823000000000";

const speaker: Speaker = { translator: createTranslator(threeTier), language: "vi" };
const REFERENCE_TIME = new Date(1_699_003_881_354);

/** What the adapter makes of an event (deliveries keyed and ordered), as the old tests read it. */
const actionOf = (event: Parameters<typeof readAction>[0]) => readAction(event, defaultFlows, 0);

/** The OA adapter on a fake OA, from the settings the environment would give. */
function oaOn(a: TestApp, url: string, options: Parameters<typeof createZaloOaAdapter>[2] = {}) {
  const settings = zaloOaSettings.parse({
    ZALO_OA_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: SECRET_KEY,
    ZALO_OA_APP_SECRET: APP_SECRET,
    ZALO_OA_ACCESS_TOKEN: "acc-0",
    ZALO_OA_REFRESH_TOKEN: "ref-0",
    ZALO_OA_API_ROOT: url,
    ZALO_OAUTH_ROOT: url,
  });
  return createZaloOaAdapter(settings, depsOf(a), options);
}

describe("OA webhook signature", () => {
  it("verifies the reference payload's signature over its raw bytes", () => {
    expect(sendTextSignature).toBe("mac=0006eebc9af2340da48180e0015ad05625957dffb25fc259d8aaa7cb8918dda7");
    const input = {
      appId: APP_ID,
      rawBody: Buffer.from(sendTextRaw),
      timestamp: "1699003881354",
      secretKey: SECRET_KEY,
    };
    expect(oaSignature(input.appId, input.rawBody, input.timestamp, input.secretKey)).toBe(
      sendTextSignature.slice(4),
    );
    expect(verifyOaSignature(sendTextSignature, input)).toBe(true);
    expect(verifyOaSignature(sendTextSignature.toUpperCase().replace("MAC=", "mac="), input)).toBe(true);
  });

  it("refuses a changed body, another secret, another timestamp, a malformed or missing header", () => {
    const input = {
      appId: APP_ID,
      rawBody: Buffer.from(sendTextRaw),
      timestamp: "1699003881354",
      secretKey: SECRET_KEY,
    };
    expect(
      verifyOaSignature(sendTextSignature, {
        ...input,
        rawBody: Buffer.from(sendTextRaw.replace("A4B", "A4C")),
      }),
    ).toBe(false);
    // Reformatting the same JSON changes the bytes: the signature is over the raw body.
    expect(
      verifyOaSignature(sendTextSignature, {
        ...input,
        rawBody: Buffer.from(JSON.stringify(JSON.parse(sendTextRaw), null, 1)),
      }),
    ).toBe(false);
    expect(verifyOaSignature(sendTextSignature, { ...input, secretKey: "other" })).toBe(false);
    expect(verifyOaSignature(sendTextSignature, { ...input, timestamp: "1699003881355" })).toBe(false);
    expect(verifyOaSignature(sendTextSignature, { ...input, timestamp: undefined })).toBe(false);
    expect(verifyOaSignature(sendTextSignature.slice(4), input)).toBe(false);
    expect(verifyOaSignature("mac=abc", input)).toBe(false);
    expect(verifyOaSignature(undefined, input)).toBe(false);
    expect(verifyOaSignature([sendTextSignature], input)).toBe(false);
  });
});

describe("OA events", () => {
  it("keeps ids as strings, even when one arrives as a bare number beyond 2^53", () => {
    const body = parseJsonKeepingIds(
      '{"event_name":"user_send_text","sender":{"id":6142494823000000123},"message":{"text":"x 12345678901234567890 y","msg_id":"a"},"timestamp":1699003881354,"n":-12.5e3}',
    ) as Record<string, { id?: unknown; text?: unknown }>;
    expect(body.sender!.id).toBe("6142494823000000123");
    expect(body.message!.text).toBe("x 12345678901234567890 y");
    expect(body.timestamp).toBe(1699003881354);
    expect(body.n).toBe(-12500);
  });

  it("reads the reference user_send_text event", () => {
    expect(actionOf(eventOf(parseJsonKeepingIds(sendTextRaw))!)).toEqual({
      kind: "dialog",
      userId: USER,
      deliveries: [
        {
          key: "user_send_text:cb31dff1c39642cc1b83",
          seq: 1_699_003_881_354,
          update: {
            channel: "zalo-oa",
            chatId: USER,
            user: { externalId: USER, displayName: "Zalo 0000" },
            input: { kind: "text", text: "Chào A4B" },
          },
        },
      ],
    });
  });

  it("reads the reference user_submit_info answer as the phone, written the Vietnamese way", () => {
    const action = actionOf(eventOf(parseJsonKeepingIds(submitInfoRaw))!);
    expect(action).toMatchObject({
      kind: "dialog",
      userId: "246845883529697922",
      deliveries: [
        { update: { input: { kind: "text", text: "0912345678" }, user: { displayName: "Name Example" } } },
      ],
    });
    expect(localPhone("+84 912 345 678")).toBe("0912345678");
    expect(localPhone("0229 3871 234")).toBe("02293871234");
  });

  it("recognises its own button payloads, and commands typed without a slash", () => {
    const input = (text: string) => {
      const action = actionOf({
        event_name: "user_send_text",
        sender: { id: USER },
        message: { text, msg_id: "m" },
      });
      return action.kind === "dialog" ? action.deliveries[0]!.update.input : null;
    };
    expect(input(encodePick(12, 3))).toEqual({ kind: "pick", nonce: 12, index: 3 });
    expect(input(encodeAction("accept", "0b7c6f1e-5d2a-4c3b-9e8f-1a2b3c4d5e6f"))).toEqual({
      kind: "action",
      action: "accept",
      target: "0b7c6f1e-5d2a-4c3b-9e8f-1a2b3c4d5e6f",
    });
    expect(input("hoso")).toEqual({ kind: "command", name: "mine", args: "" });
    expect(input("#c12")).toEqual({ kind: "text", text: "#c12" });
    expect(decodePayload("#a:accept:x y")).toBeNull();
  });

  it("handles images (one input each), follow, unfollow, and ignores the OA's own events", () => {
    const image = actionOf({
      event_name: "user_send_image",
      sender: { id: USER },
      message: {
        msg_id: "m1",
        attachments: [
          { type: "image", payload: { url: "https://a/1.jpg" } },
          { type: "image", payload: { url: "https://a/2.jpg" } },
        ],
      },
    });
    expect(image.kind === "dialog" && image.deliveries.map((d) => [d.update.input, d.key])).toEqual([
      [
        { kind: "file", file: { kind: "photo", channel: "zalo-oa", ref: "https://a/1.jpg" } },
        "user_send_image:m1:0",
      ],
      [
        { kind: "file", file: { kind: "photo", channel: "zalo-oa", ref: "https://a/2.jpg" } },
        "user_send_image:m1:1",
      ],
    ]);
    const follow = actionOf({ event_name: "follow", follower: { id: USER }, timestamp: "1" });
    expect(follow).toMatchObject({
      kind: "dialog",
      deliveries: [{ update: { input: { kind: "command", name: "start" } }, key: `follow:${USER}:1` }],
    });
    expect(actionOf({ event_name: "unfollow", follower: { id: USER } })).toEqual({
      kind: "unfollow",
      userId: USER,
    });
    expect(
      actionOf({ event_name: "user_send_sticker", sender: { id: USER }, message: { msg_id: "s" } }),
    ).toMatchObject({
      deliveries: [{ update: { input: { kind: "unsupported", what: "sticker" } } }],
    });
    expect(
      actionOf({ event_name: "oa_send_text", sender: { id: "3662729599332560487" }, message: { text: "hi" } })
        .kind,
    ).toBe("ignore");
    expect(actionOf({ event_name: "user_seen_message", sender: { id: USER } }).kind).toBe("ignore");
  });

  it("reads a file's name and size (bytes, as a string or a number) for the attachment rules", () => {
    const file = (payload: Record<string, unknown>) => {
      const action = actionOf({
        event_name: "user_send_file",
        sender: { id: USER },
        message: {
          msg_id: "f",
          attachments: [{ type: "file", payload: { url: "https://f/1", ...payload } }],
        },
      });
      return action.kind === "dialog" ? action.deliveries[0]!.update.input : null;
    };
    expect(file({ name: "Báo cáo.pdf", size: "3145728", type: "pdf", checksum: "x" })).toEqual({
      kind: "file",
      file: { kind: "document", channel: "zalo-oa", ref: "https://f/1", name: "Báo cáo.pdf", size: 3145728 },
    });
    expect(file({ name: "a.docx", size: 2048 })).toMatchObject({ file: { size: 2048 } });
    expect(file({ name: "a.docx", size: "about 2 KB" })).toEqual({
      kind: "file",
      file: { kind: "document", channel: "zalo-oa", ref: "https://f/1", name: "a.docx" },
    });
  });
});

describe("OA rendering", () => {
  const choices = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `c${i}`, label: { raw: `Lựa chọn ${i + 1}` } }));

  it("shows up to five choices as hidden-query buttons carrying the prompt's nonce", () => {
    const [message] = renderView(
      speaker,
      { text: [t("queue.hint")], choices: choices(3), expects: { kind: "choice" } },
      7,
    );
    expect(message!.text).not.toContain("1. Lựa chọn 1");
    expect(message!.buttons).toEqual([
      { title: "Lựa chọn 1", type: "oa.query.hide", payload: "#c7.0" },
      { title: "Lựa chọn 2", type: "oa.query.hide", payload: "#c7.1" },
      { title: "Lựa chọn 3", type: "oa.query.hide", payload: "#c7.2" },
    ]);
  });

  it("numbers more than five choices in the text", () => {
    const [message] = renderView(
      speaker,
      { text: [t("queue.hint")], choices: choices(6), expects: { kind: "choice" } },
      7,
    );
    expect(message!.buttons).toBeUndefined();
    expect(message!.text).toContain("6. Lựa chọn 6");
  });

  it("gives a notification's decisions as action buttons, and a hint when they cannot fit", () => {
    const actions = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        action: `d${i}`,
        target: "s-1",
        label: { raw: `Quyết định ${i + 1}` },
      }));
    const view = (n: number): View => ({
      text: [t("notify.buttons_hint")],
      actions: actions(n),
      expects: { kind: "none" },
    });
    const [fits] = renderView(speaker, view(4), 0);
    expect(fits!.buttons?.map((b) => b.payload)).toEqual([
      "#a:d0:s-1",
      "#a:d1:s-1",
      "#a:d2:s-1",
      "#a:d3:s-1",
    ]);
    expect(fits!.text).toContain("Chọn một nút bên dưới");
    const [crowded] = renderView(speaker, view(MAX_BUTTONS + 1), 0);
    expect(crowded!.buttons).toBeUndefined();
    expect(crowded!.text).toContain("hangdoi");
    expect(crowded!.text).not.toContain("Chọn một nút bên dưới");
    // Choices and actions share the five places: the choices give way to a numbered list.
    const [both] = renderView(speaker, { ...view(3), choices: choices(3), expects: { kind: "choice" } }, 2);
    expect(both!.buttons?.map((b) => b.payload)).toEqual(["#a:d0:s-1", "#a:d1:s-1", "#a:d2:s-1"]);
    expect(both!.text).toContain("3. Lựa chọn 3");
  });

  it("splits long texts and puts the buttons on the last piece; shortens long titles", () => {
    const long: Speaker = {
      translator: {
        text: () => "Một câu dài. ".repeat(100).trim(),
        label: () => "Nhãn ".repeat(40),
        noticeVersion: "t",
      },
      language: "vi",
    };
    const messages = renderView(
      long,
      { text: [t("a"), t("b"), t("c")], choices: choices(2), expects: { kind: "choice" } },
      1,
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(messages.slice(0, -1).every((m) => !m.buttons)).toBe(true);
    expect(messages.at(-1)!.buttons).toHaveLength(2);
    expect(messages.at(-1)!.buttons![0]!.title.length).toBeLessThanOrEqual(100);
  });
});

describe.each(databaseKinds)("OA channel end to end on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });
  let fake: FakeZaloOa;
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    await fake?.close();
  });

  /** The channel served as `npm start` serves it; the fake stamps events with the app's clock. */
  async function setup(runner?: Pick<Runner, "handle">): Promise<ZaloOaAdapter> {
    const a = app();
    fake = await FakeZaloOa.start({
      appId: APP_ID,
      secretKey: SECRET_KEY,
      appSecret: APP_SECRET,
      refreshToken: "ref-0",
      accessToken: "acc-0",
      now: () => a.clock().getTime(),
    });
    const channel = oaOn(a, fake.url);
    const port = await freePort();
    serving = await serveTest(runner ? { ...a, runner: runner as Runner } : a, [channel], {
      HTTP_PORT: String(port),
    });
    fake.webhookUrl = `${serving.url}/webhooks/zalo-oa`;
    return channel;
  }
  const idle = () => serving!.pipeline.idle();

  /** What a user read after an action of theirs (a typed text, a press…). */
  async function replyTo(
    _channel: ZaloOaAdapter,
    user: string,
    act: () => Promise<{ status: number }>,
  ): Promise<string> {
    const before = fake.messages(user).length;
    expect((await act()).status).toBe(200);
    await idle();
    return fake
      .messages(user)
      .slice(before)
      .map((m) => [m.text, ...m.buttons.map((b) => `[${b.title}]`)].join("\n"))
      .join("\n\n");
  }

  const type = (channel: ZaloOaAdapter, user: string, text: string) =>
    replyTo(channel, user, () => fake.deliver(fake.textEvent(user, text)));
  const press = (channel: ZaloOaAdapter, user: string, button: string | number) =>
    replyTo(channel, user, () => fake.press(user, button));

  /** Answers as a person would: a button when the prompt shows it, else typing. */
  async function answer(channel: ZaloOaAdapter, user: string, text: string): Promise<string> {
    const last = fake.messages(user).at(-1);
    const buttons = last?.buttons ?? [];
    const byTitle = buttons.findIndex((b) => fold(b.title) === fold(text));
    if (byTitle >= 0) return press(channel, user, byTitle);
    if (/^\d$/.test(text) && Number(text) <= buttons.length) return press(channel, user, Number(text) - 1);
    return type(channel, user, text);
  }

  it("accepts the reference payload with its reference signature, and answers the user", async () => {
    app().clock.set(REFERENCE_TIME);
    await setup();
    const delivery = await fake.deliver(sendTextRaw, { signature: sendTextSignature });
    expect(delivery.status).toBe(200);
    await idle();
    expect(fake.texts(USER).join("\n")).toContain("Mình chưa hiểu ý bạn");
    expect(fake.violations()).toEqual([]);
  });

  it("refuses forged signatures with 401 and processes nothing", async () => {
    await setup();
    const forged = [
      fake.deliver(sendTextRaw.replace("Chào A4B", "dangky"), { signature: sendTextSignature }),
      fake.deliver(fake.textEvent(USER, "dangky"), { signature: sendTextSignature }),
      fake.deliver(fake.textEvent(USER, "dangky"), { signature: null }),
      fake.deliver(fake.textEvent(USER, "dangky"), { signature: "mac=" }),
      fake.deliver("not json", { signature: sendTextSignature }),
    ];
    for (const delivery of await Promise.all(forged)) expect(delivery.status).toBe(401);
    await idle();
    expect(fake.received).toEqual([]);
    expect(await app().store.dialogs.load("zalo-oa", USER)).toBeNull();
  });

  it("refuses an event stamped outside the time window (a replay), however well signed", async () => {
    await setup();
    const stale = fake.textEvent(USER, "dangky");
    app().clock.set(new Date(app().clock().getTime() + 3_600_000));
    expect((await fake.deliver(stale)).status).toBe(401);
    await idle();
    expect(await app().store.dialogs.load("zalo-oa", USER)).toBeNull();
  });

  it("checks the signature before reading the body: an unsigned body is never parsed", async () => {
    await setup();
    const garbage = `{"timestamp":"${app().clock().getTime()}", not json`;
    // Unsigned: refused as unsigned before anything else; signed: only then found unreadable.
    expect((await fake.deliver(garbage, { signature: null })).status).toBe(401);
    expect((await fake.deliver(garbage)).status).toBe(400);
  });

  it("answers 200 to a signed body that is no event, records it as rejected with its reason, and processes nothing", async () => {
    await setup();
    const now = app().clock().getTime();
    for (const body of [`{"timestamp":"${now}"}`, `[{"timestamp":"${now}"}]`])
      expect((await fake.deliver(body)).status).toBe(200);
    await idle();
    expect(await rejections(app().url)).toEqual(["an array", "no event_name"]);
    expect(fake.received).toEqual([]);
  });

  it("answers at once, keeps numeric ids exact, and processes a repeated delivery once", async () => {
    app().clock.set(REFERENCE_TIME);
    await setup();
    const big = "6142494823000000123";
    const raw = `{"event_name":"user_send_text","app_id":"${APP_ID}","sender":{"id":${big}},"recipient":{"id":3662729599332560487},"message":{"text":"dangky","msg_id":"dup-1"},"timestamp":"1699003881999"}`;
    const first = await fake.deliver(raw);
    expect(first.status).toBe(200);
    expect(first.ms).toBeLessThan(1000);
    await fake.deliver(raw);
    await idle();
    expect(fake.texts(big).filter((text) => text.includes("Câu 1/27"))).toHaveLength(1);
    expect(await app().store.dialogs.load("zalo-oa", big)).not.toBeNull();
  });

  it("registers a model with buttons, and a committee member decides with the notification's buttons", async () => {
    const a = app();
    const channel = await setup();
    const dispatcher = serving!.dispatcher;
    const member = "7000000000000000001";
    const citizen = "7000000000000000002";

    const { code } = await createInvitation(a.store, {
      bodyCode: "NB-TP-NN",
      role: "committee",
      now: a.clock(),
    });
    expect(await type(channel, member, `start ${code}`)).toContain("thành viên Ban Chỉ đạo");

    const start = await type(channel, citizen, "dangky");
    expect(start).toContain("[Kinh tế]");
    expect(fake.messages(citizen).at(-1)!.buttons[0]!.payload).toMatch(/^#c\d+\.0$/);
    // The field by its button: the pressed choice is echoed, since the press itself is hidden.
    expect(await answer(channel, citizen, REGISTRATION[0]!)).toMatch(/^✓ Văn hóa – xã hội/);
    for (const text of REGISTRATION.slice(1)) await answer(channel, citizen, text);
    const done = await press(channel, citizen, "Gửi đăng ký");
    expect(done).toContain("Mã hồ sơ của bạn: DVK-2026-000001");
    const [submission] = await a.store.submissions.list();
    expect(submission).toMatchObject({
      status: "submitted",
      queueBodyCode: "NB-TP-NN",
      contactPhone: "0912345678",
    });

    // A press on a button of an earlier prompt is refused politely.
    const stale = fake.messages(citizen).find((m) => m.buttons.some((b) => b.title === "Kinh tế"))!;
    const old = await replyTo(channel, citizen, () =>
      fake.deliver(fake.textEvent(citizen, stale.buttons[0]!.payload as string)),
    );
    expect(old).toContain("câu hỏi cũ");

    // Delivered after the commit (the pipeline kicks the dispatcher), or by this pass.
    await dispatcher.runOnce();
    await until(() => fake.messages(member).some((m) => m.text.includes("DVK-2026-000001")));
    const arrival = fake.messages(member).at(-1)!;
    expect(arrival.text).toContain("DVK-2026-000001");
    expect(arrival.buttons.map((b) => b.title)).toEqual([
      "Tiếp nhận",
      "Yêu cầu bổ sung",
      "Không tiếp nhận",
      "Xem chi tiết",
    ]);
    expect(arrival.buttons[0]!.payload).toBe(`#a:accept:${submission!.id}`);

    expect(await press(channel, member, "Tiếp nhận")).toContain("Đã xử lý hồ sơ DVK-2026-000001");
    expect((await a.store.submissions.get(submission!.id))?.status).toBe("accepted");
    // Pressed again: already decided, nothing happens twice.
    expect(await press(channel, member, "Tiếp nhận")).toContain("DVK-2026-000001");
    expect((await a.store.submissions.history(submission!.id)).map((e) => e.action)).toEqual([
      "submit",
      "accept",
    ]);

    await dispatcher.runOnce();
    expect(fake.texts(citizen).at(-1)).toContain("DVK-2026-000001");
    expect(fake.texts(member).at(-1)).toContain("Đã tiếp nhận — bởi");
    expect(fake.violations()).toEqual([]);
  });

  it("greets a new follower, stops writing after an unfollow, and takes a shared phone", async () => {
    const a = app();
    const runner = recordingRunner(a.runner);
    const channel = await setup(runner);
    const user = "7000000000000000003";
    expect(await replyTo(channel, user, () => fake.deliver(fake.followEvent(user)))).toContain("Xin chào");
    const personId = runner.outputs[0]!.personId;
    const undeliverable = async () => (await a.store.people.identities(personId))[0]!.undeliverable;
    expect(await replyTo(channel, user, () => fake.deliver(fake.followEvent(user, "unfollow")))).toBe("");
    expect(await undeliverable()).toBe(true);
    await replyTo(channel, user, () => fake.deliver(fake.followEvent(user)));
    expect(await undeliverable()).toBe(false);

    await answer(channel, user, "dangky");
    for (const text of REGISTRATION.slice(0, 8)) await answer(channel, user, text);
    const shared = await replyTo(channel, user, () =>
      fake.deliver(fake.submitInfoEvent(user, { name: "Nguyễn Văn An", phone: "84912345678" })),
    );
    expect(shared).toContain("Câu 9/27");
    const session = await a.store.dialogs.load("zalo-oa", user);
    expect(JSON.stringify(session?.state)).toContain("0912345678");
  });

  it("takes several images of one message at the attachment step", async () => {
    const channel = await setup();
    const user = "7000000000000000004";
    await answer(channel, user, "dangky");
    for (const text of REGISTRATION.slice(0, 20)) await answer(channel, user, text);
    const got = await replyTo(channel, user, () =>
      fake.deliver(fake.imageEvent(user, ["https://a/1.jpg", "https://a/2.jpg"])),
    );
    expect(got).toContain("Đã nhận 2 tệp");
  });
});
