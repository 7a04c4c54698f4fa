import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { hexId, json, type Loopback, postWebhook, sleep, startLoopback } from "./fake-zalo-common.ts";

// A local stand-in for the Zalo Official Account API v3 (openapi.zalo.me) and its OAuth server
// (oauth.zaloapp.com) on one loopback port: configure both roots with `url`.
// - POST /v3.0/oa/message/cs, header access_token: the body is checked (recipient.user_id a
//   string, text 1–2000, at most 5 buttons…); answers `{error, message, data}`.
// - POST /v4/oa/access_token, form-urlencoded, header secret_key: refresh tokens are single use;
//   each refresh issues a new access token and a new refresh token.
// Tests play the users by delivering signed webhook events (or forged ones), press buttons, expire
// the access token, inject errors (-230, -234…), and read back what each user received.

export interface FakeZaloOaOptions {
  appId: string;
  /** The OA secret key that signs webhooks. */
  secretKey: string;
  /** The app secret the OAuth server expects in `secret_key`. */
  appSecret: string;
  /** The one valid refresh token to begin with. */
  refreshToken: string;
  /** A valid access token to begin with, if any. */
  accessToken?: string;
  oaId?: string;
  /** expires_in of issued access tokens, in seconds (a string, as Zalo sends it); default 90000. */
  expiresIn?: number;
  /** Delay before the OAuth server answers (makes refresh races real). */
  oauthLatencyMs?: number;
  /** The time events are stamped with (the bot refuses events far from its own clock); ms. */
  now?: () => number;
}

export interface OaCall {
  path: string;
  at: number;
  accessToken?: string;
  body: unknown;
  /** The `error` answered (0: success). */
  error: number;
  rejected?: string;
  injected?: boolean;
}

export interface RefreshCall {
  at: number;
  refreshToken: string;
  /** The pair issued, when the refresh succeeded. */
  issued?: { accessToken: string; refreshToken: string };
  error?: number;
}

export interface OaFault {
  error: number;
  message?: string;
  userId?: string;
  times?: number;
}

export interface OaButton {
  title: string;
  type: string;
  payload: unknown;
}

export interface OaReceived {
  userId: string;
  messageId: string;
  text: string;
  buttons: OaButton[];
  accessToken: string;
}

const BUTTON_TYPES = new Set([
  "oa.query.hide",
  "oa.query.show",
  "oa.open.url",
  "oa.open.phone",
  "oa.open.sms",
]);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Why Zalo would refuse this consultation message, or null. */
function messageRule(body: unknown): string | null {
  if (!isObject(body)) return "body must be a JSON object";
  if (
    !isObject(body.recipient) ||
    typeof body.recipient.user_id !== "string" ||
    !/^\d+$/.test(body.recipient.user_id)
  )
    return "recipient.user_id must be a string of digits";
  const m = body.message;
  if (!isObject(m)) return "message must be an object";
  if (typeof m.text !== "string" || m.text.length < 1 || m.text.length > 2000)
    return "message.text must be 1–2000 characters";
  if (m.attachment === undefined) return null;
  const a = m.attachment;
  if (!isObject(a) || a.type !== "template" || !isObject(a.payload)) return "attachment must be a template";
  const buttons = a.payload.buttons;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 5)
    return "a template has 1–5 buttons";
  for (const b of buttons) {
    if (!isObject(b) || typeof b.title !== "string" || b.title.length < 1 || b.title.length > 100)
      return "button title must be 1–100 characters";
    if (typeof b.type !== "string" || !BUTTON_TYPES.has(b.type))
      return `unknown button type ${String(b.type)}`;
    if (
      b.type.startsWith("oa.query.") &&
      (typeof b.payload !== "string" || b.payload.length < 1 || b.payload.length > 1000)
    )
      return "a query button's payload must be a string of 1–1000 characters";
    if (!b.type.startsWith("oa.query.") && !isObject(b.payload))
      return "this button's payload must be an object";
  }
  return null;
}

export class FakeZaloOa {
  readonly calls: OaCall[] = [];
  readonly refreshCalls: RefreshCall[] = [];
  readonly received: OaReceived[] = [];
  /** Where Zalo posts events (set in the OA's dashboard, not through the API). */
  webhookUrl = "";
  /** Runs before a message is accepted (e.g. to look at the database at that moment). */
  onMessage: ((call: OaCall) => Promise<void> | void) | null = null;
  private validAccess = new Set<string>();
  private validRefresh: string;
  private unfollowed = new Set<string>();
  private faults: { fault: OaFault; left: number }[] = [];
  private clock = 1_699_003_881_354;

  private constructor(
    private readonly loopback: Loopback,
    readonly options: FakeZaloOaOptions,
  ) {
    this.validRefresh = options.refreshToken;
    if (options.accessToken) this.validAccess.add(options.accessToken);
  }

  static async start(options: FakeZaloOaOptions): Promise<FakeZaloOa> {
    let fake: FakeZaloOa | undefined;
    const loopback = await startLoopback((req, body, res) => fake!.serve(req, body, res));
    fake = new FakeZaloOa(loopback, options);
    return fake;
  }

  get url(): string {
    return this.loopback.url;
  }

  get oaId(): string {
    return this.options.oaId ?? "3662729599332560487";
  }

  /** The refresh token Zalo would accept now (the last one issued). */
  get refreshToken(): string {
    return this.validRefresh;
  }

  close(): Promise<void> {
    return this.loopback.close();
  }

  /** Whether Zalo takes this access token now (the template API shares the OA's tokens). */
  acceptsAccess(token: string): boolean {
    return this.validAccess.has(token);
  }

  /** Every access token issued so far stops working (-216). */
  expireAccessTokens(): void {
    this.validAccess.clear();
  }

  failNext(fault: OaFault): void {
    this.faults.push({ fault, left: fault.times ?? 1 });
  }

  violations(): OaCall[] {
    return this.calls.filter((c) => c.rejected);
  }

  /** What a user received, in order. */
  messages(userId: string): OaReceived[] {
    return this.received.filter((m) => m.userId === userId);
  }

  texts(userId: string): string[] {
    return this.messages(userId).map((m) => m.text);
  }

  private async serve(
    req: import("node:http").IncomingMessage,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const path = (req.url ?? "").split("?")[0]!;
    if (req.method === "POST" && path === "/v4/oa/access_token") return this.refresh(req, raw, res);
    if (req.method === "POST" && path === "/v3.0/oa/message/cs") return this.message(req, raw, res);
    json(res, 404, { error: 404, message: "not found" });
  }

  private async refresh(
    req: import("node:http").IncomingMessage,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const form = new URLSearchParams(raw.toString("utf8"));
    const call: RefreshCall = { at: Date.now(), refreshToken: form.get("refresh_token") ?? "" };
    this.refreshCalls.push(call);
    if (this.options.oauthLatencyMs) await sleep(this.options.oauthLatencyMs);
    const fail = (error: number, name: string) => {
      call.error = error;
      json(res, 200, { error, error_name: name, error_reason: name, error_description: name });
    };
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
      return fail(-14002, "content type must be application/x-www-form-urlencoded");
    if (req.headers.secret_key !== this.options.appSecret) return fail(-14001, "invalid secret_key");
    if (form.get("app_id") !== this.options.appId) return fail(-14003, "invalid app_id");
    if (form.get("grant_type") !== "refresh_token") return fail(-14004, "invalid grant_type");
    // Single use: the token is spent once read, whoever wins.
    if (call.refreshToken !== this.validRefresh) return fail(-14014, "invalid refresh token");
    const issued = { accessToken: `acc-${hexId(12)}`, refreshToken: `ref-${hexId(12)}` };
    this.validRefresh = issued.refreshToken;
    this.validAccess.add(issued.accessToken);
    call.issued = issued;
    json(res, 200, {
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      expires_in: String(this.options.expiresIn ?? 90_000),
    });
  }

  private async message(
    req: import("node:http").IncomingMessage,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const token = typeof req.headers.access_token === "string" ? req.headers.access_token : undefined;
    const call: OaCall = {
      path: "/v3.0/oa/message/cs",
      at: Date.now(),
      accessToken: token,
      body: undefined,
      error: 0,
    };
    this.calls.push(call);
    const answer = (error: number, message: string, data?: unknown) => {
      call.error = error;
      json(res, 200, data === undefined ? { error, message } : { error, message, data });
    };
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      call.rejected = "content type must be application/json";
      return answer(-201, call.rejected);
    }
    try {
      call.body = JSON.parse(raw.toString("utf8"));
    } catch {
      call.rejected = "body is not JSON";
      return answer(-201, call.rejected);
    }
    if (req.headers.authorization) {
      call.rejected = "the OA API takes the access_token header, not Authorization";
      return answer(-201, call.rejected);
    }
    if (!token || !this.validAccess.has(token)) return answer(-216, "Access token is invalid");
    const broken = messageRule(call.body);
    if (broken) {
      call.rejected = broken;
      return answer(-201, broken);
    }
    const body = call.body as {
      recipient: { user_id: string };
      message: { text: string; attachment?: { payload: { buttons: OaButton[] } } };
    };
    const userId = body.recipient.user_id;
    const fault = this.faults.find((f) => f.left > 0 && (!f.fault.userId || f.fault.userId === userId));
    if (fault) {
      fault.left--;
      call.injected = true;
      return answer(fault.fault.error, fault.fault.message ?? "injected fault");
    }
    if (this.unfollowed.has(userId)) return answer(-213, "User has not followed OA");
    await this.onMessage?.(call);
    const messageId = hexId(16);
    this.received.push({
      userId,
      messageId,
      text: body.message.text,
      buttons: body.message.attachment?.payload.buttons ?? [],
      accessToken: token,
    });
    answer(0, "Success", { message_id: messageId, user_id: userId });
  }

  // ——— Users ———

  /** The next event timestamp, as the string Zalo sends. */
  private timestamp(): string {
    // Distinct and increasing, following the given clock when there is one.
    this.clock = Math.max(this.clock + 1, this.options.now?.() ?? 0);
    return String(this.clock);
  }

  signature(raw: string, timestamp: string): string {
    const hex = createHash("sha256")
      .update(`${this.options.appId}${raw}${timestamp}${this.options.secretKey}`)
      .digest("hex");
    return `mac=${hex}`;
  }

  textEvent(userId: string, text: string): Record<string, unknown> {
    return {
      event_name: "user_send_text",
      app_id: this.options.appId,
      sender: { id: userId },
      recipient: { id: this.oaId },
      message: { text, msg_id: hexId(10) },
      timestamp: this.timestamp(),
      user_id_by_app: "979122185046046317",
    };
  }

  imageEvent(userId: string, urls: string[]): Record<string, unknown> {
    return {
      event_name: "user_send_image",
      app_id: this.options.appId,
      sender: { id: userId },
      recipient: { id: this.oaId },
      message: {
        msg_id: hexId(10),
        text: "",
        attachments: urls.map((url) => ({ type: "image", payload: { thumbnail: url, url } })),
      },
      timestamp: this.timestamp(),
      user_id_by_app: "979122185046046317",
    };
  }

  followEvent(userId: string, eventName: "follow" | "unfollow" = "follow"): Record<string, unknown> {
    if (eventName === "unfollow") this.unfollowed.add(userId);
    else this.unfollowed.delete(userId);
    return {
      oa_id: this.oaId,
      follower: { id: userId },
      user_id_by_app: "979122185046046317",
      event_name: eventName,
      source: "testing",
      app_id: this.options.appId,
      timestamp: this.timestamp(),
    };
  }

  submitInfoEvent(userId: string, info: { name: string; phone: string }): Record<string, unknown> {
    return {
      sender: { id: userId },
      recipient: { id: this.oaId },
      event_name: "user_submit_info",
      app_id: this.options.appId,
      timestamp: this.timestamp(),
      info,
    };
  }

  /**
   * Delivers an event (an object, or raw JSON text sent byte for byte) signed as Zalo signs it;
   * `signature` overrides the header (null: none).
   */
  deliver(event: Record<string, unknown> | string, options: { signature?: string | null } = {}) {
    if (!this.webhookUrl) throw new Error("set webhookUrl first");
    const raw = typeof event === "string" ? event : JSON.stringify(event);
    const timestamp = String(
      (typeof event === "string" ? /"timestamp"\s*:\s*"?(\d+)/.exec(event)?.[1] : event.timestamp) ?? "",
    );
    const signature = options.signature === undefined ? this.signature(raw, timestamp) : options.signature;
    return postWebhook(this.webhookUrl, raw, signature === null ? {} : { "X-ZEvent-Signature": signature });
  }

  /**
   * The user presses a button of the last message that has one: by title (any case), or by its
   * position (0-based).
   */
  press(userId: string, button: string | number) {
    const withButtons = [...this.messages(userId)].reverse().filter((m) => m.buttons.length);
    const found =
      typeof button === "number"
        ? withButtons[0]?.buttons[button]
        : withButtons.flatMap((m) => m.buttons).find((b) => b.title.toLowerCase() === button.toLowerCase());
    if (!found) throw new Error(`no button ${JSON.stringify(button)} was sent to ${userId}`);
    if (typeof found.payload !== "string") throw new Error(`button ${found.title} is not a query button`);
    return this.deliver(this.textEvent(userId, found.payload));
  }

  /** The OA administrator authorises the app again: a new pair, the old refresh token spent. */
  authorize(): { accessToken: string; refreshToken: string } {
    const pair = { accessToken: `acc-${hexId(12)}`, refreshToken: `ref-${hexId(12)}` };
    this.validRefresh = pair.refreshToken;
    this.validAccess.add(pair.accessToken);
    return pair;
  }
}
