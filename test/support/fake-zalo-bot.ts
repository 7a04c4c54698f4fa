import { hexId, json, type Loopback, postWebhook, startLoopback } from "./fake-zalo-common.ts";

// A local stand-in for the Zalo Bot Platform API (bot-api.zaloplatforms.com): bots call
// `POST {url}/bot{token}/{method}` with JSON and get `{ok, result?, description?, error_code?}`.
// Every call is recorded and checked against the documented rules (calls Zalo would refuse are
// answered with an error and listed by violations()); errors can be injected with failNext(); and
// tests play the users by delivering webhook events, wrapped or flat, to the registered webhook.

export interface BotCall {
  method: string;
  body: Record<string, unknown>;
  token: string;
  at: number;
  httpStatus: number;
  ok: boolean;
  errorCode?: number;
  description?: string;
  /** Why the call broke the API's rules. */
  rejected?: string;
  /** Answered with a fault set up by failNext(). */
  injected?: boolean;
}

export interface BotFault {
  errorCode: number;
  description?: string;
  /** The HTTP status of the answer; Zalo often answers errors with 200 and `ok: false`. */
  httpStatus?: number;
  /** Only calls for this chat. */
  chatId?: string;
  /** How many calls it answers; default 1. */
  times?: number;
}

export interface SentMessage {
  chatId: string;
  messageId: string;
  text?: string;
  photo?: string;
  caption?: string;
}

export interface BotUser {
  id: string;
  name: string;
}

export interface ZaloBotEventMessage {
  from: { id: string; display_name: string; is_bot: boolean };
  chat: { id: string; chat_type: string };
  message_id: string;
  date: number;
  text?: string;
  photo?: string;
  caption?: string;
}

export interface ZaloBotEvent {
  event_name: string;
  message: ZaloBotEventMessage;
}

const METHODS = new Set([
  "getMe",
  "getUpdates",
  "setWebhook",
  "deleteWebhook",
  "getWebhookInfo",
  "sendMessage",
  "sendPhoto",
  "sendChatAction",
]);

const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** Why Zalo would refuse these parameters, or null. */
function rule(method: string, body: Record<string, unknown>): string | null {
  const chatId = () => (isNonEmptyString(body.chat_id) ? null : "chat_id must be a non-empty string");
  switch (method) {
    case "sendMessage": {
      const t = body.text;
      if (typeof t !== "string" || t.length < 1 || t.length > 2000) return "text must be 1–2000 characters";
      return chatId();
    }
    case "sendPhoto": {
      if (!isNonEmptyString(body.photo) || !/^https?:\/\//.test(body.photo)) return "photo must be a URL";
      if (body.caption !== undefined && (typeof body.caption !== "string" || body.caption.length > 2000))
        return "caption must be at most 2000 characters";
      return chatId();
    }
    case "sendChatAction":
      if (body.action !== "typing" && body.action !== "upload_photo") return "action must be typing";
      return chatId();
    case "setWebhook": {
      if (!isNonEmptyString(body.url) || !/^https?:\/\//.test(body.url)) return "url must be an http(s) URL";
      const s = body.secret_token;
      if (typeof s !== "string" || s.length < 8 || s.length > 256)
        return "secret_token must be 8–256 characters";
      return null;
    }
    default:
      return null;
  }
}

export class FakeZaloBot {
  readonly calls: BotCall[] = [];
  readonly sent: SentMessage[] = [];
  webhook: { url: string; secret: string } | null = null;
  private faults: { method: string; fault: BotFault; left: number }[] = [];
  private date = 1_750_316_131_602;

  private constructor(
    private readonly loopback: Loopback,
    readonly token: string,
  ) {}

  static async start(options: { token: string }): Promise<FakeZaloBot> {
    let fake: FakeZaloBot | undefined;
    const loopback = await startLoopback(async (req, body, res) =>
      fake!.serve(req.method ?? "", req.url ?? "", req.headers["content-type"], body, res),
    );
    fake = new FakeZaloBot(loopback, options.token);
    return fake;
  }

  /** The API root to configure (ZALO_BOT_API_ROOT). */
  get url(): string {
    return this.loopback.url;
  }

  close(): Promise<void> {
    return this.loopback.close();
  }

  /** The next call(s) of `method` are answered with this error instead of acting. */
  failNext(method: string, fault: BotFault): void {
    this.faults.push({ method, fault, left: fault.times ?? 1 });
  }

  /** Calls that broke the API's rules (a correct bot makes none). */
  violations(): BotCall[] {
    return this.calls.filter((c) => c.rejected);
  }

  /** The texts a chat received, in order. */
  texts(chatId: string): string[] {
    return this.sent.filter((m) => m.chatId === chatId && m.text !== undefined).map((m) => m.text!);
  }

  /** Everything a chat received since the given count of its texts. */
  textsSince(chatId: string, count: number): string {
    return this.texts(chatId).slice(count).join("\n\n");
  }

  private async serve(
    httpMethod: string,
    path: string,
    contentType: string | undefined,
    raw: Buffer,
    res: import("node:http").ServerResponse,
  ): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(path.split("?")[0]!);
    const call: BotCall = {
      method: match?.[2] ?? path,
      body: {},
      token: match?.[1] ?? "",
      at: Date.now(),
      httpStatus: 200,
      ok: false,
    };
    this.calls.push(call);
    const answer = (status: number, envelope: Record<string, unknown>) => {
      call.httpStatus = status;
      call.ok = envelope.ok === true;
      if (!call.ok) {
        call.errorCode = envelope.error_code as number;
        call.description = envelope.description as string;
      }
      json(res, status, envelope);
    };
    const refuse = (code: number, description: string, rejected = true) => {
      if (rejected) call.rejected = description;
      answer(code, { ok: false, error_code: code, description });
    };
    if (!match) return refuse(404, "Not Found");
    if (match[1] !== this.token) return refuse(401, "Unauthorized", false);
    if (!METHODS.has(call.method)) return refuse(404, `Method ${call.method} not found`);
    if (httpMethod !== "POST") return refuse(405, "POST required");
    if (raw.length) {
      if (!(contentType ?? "").toLowerCase().startsWith("application/json"))
        return refuse(400, "Content-Type must be application/json");
      try {
        const parsed = JSON.parse(raw.toString("utf8"));
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
          return refuse(400, "body must be a JSON object");
        call.body = parsed;
      } catch {
        return refuse(400, "body is not JSON");
      }
    }
    const broken = rule(call.method, call.body);
    if (broken) return refuse(400, broken);
    const fault = this.faults.find(
      (f) =>
        f.method === call.method && f.left > 0 && (!f.fault.chatId || f.fault.chatId === call.body.chat_id),
    );
    if (fault) {
      fault.left--;
      call.injected = true;
      return answer(fault.fault.httpStatus ?? 200, {
        ok: false,
        error_code: fault.fault.errorCode,
        description: fault.fault.description ?? "injected fault",
      });
    }
    answer(200, { ok: true, result: this.act(call.method, call.body) });
  }

  private act(method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return {
          id: "bot-1",
          account_name: "dvk_bot",
          account_type: "BASIC",
          can_join_groups: false,
          display_name: "DVK Bot",
        };
      case "setWebhook":
        this.webhook = { url: body.url as string, secret: body.secret_token as string };
        return { url: body.url, updated_at: Date.now() };
      case "deleteWebhook":
        this.webhook = null;
        return { url: "", updated_at: Date.now() };
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", updated_at: Date.now() };
      case "getUpdates":
        return undefined;
      case "sendMessage":
      case "sendPhoto": {
        const messageId = hexId();
        this.sent.push({
          chatId: body.chat_id as string,
          messageId,
          ...(method === "sendMessage" ? { text: body.text as string } : { photo: body.photo as string }),
          ...(typeof body.caption === "string" ? { caption: body.caption } : {}),
        });
        return { message_id: messageId, date: Date.now() };
      }
      default:
        return true;
    }
  }

  // ——— Users ———

  private message(user: BotUser, extra: Partial<ZaloBotEventMessage>): ZaloBotEventMessage {
    return {
      from: { id: user.id, display_name: user.name, is_bot: false },
      chat: { id: user.id, chat_type: "PRIVATE" },
      message_id: hexId(),
      date: this.date++,
      ...extra,
    };
  }

  textEvent(user: BotUser, text: string): ZaloBotEvent {
    return { event_name: "message.text.received", message: this.message(user, { text }) };
  }

  imageEvent(user: BotUser, photo: string, caption?: string): ZaloBotEvent {
    return {
      event_name: "message.image.received",
      message: this.message(user, { photo, ...(caption ? { caption } : {}) }),
    };
  }

  /** message.sticker.received, message.voice.received, message.unsupported.received… */
  otherEvent(user: BotUser, eventName: string): ZaloBotEvent {
    return { event_name: eventName, message: this.message(user, {}) };
  }

  /**
   * Delivers an event to the registered webhook: wrapped `{ok, result}` as documented, or flat as
   * seen in production; with the registered secret unless another (or none) is given.
   */
  deliver(
    event: ZaloBotEvent | string,
    options: { wrapped?: boolean; secret?: string | null } = {},
  ): ReturnType<typeof postWebhook> {
    if (!this.webhook) throw new Error("no webhook registered (setWebhook)");
    const raw =
      typeof event === "string"
        ? event
        : JSON.stringify(options.wrapped === false ? event : { ok: true, result: event });
    const secret = options.secret === undefined ? this.webhook.secret : options.secret;
    return postWebhook(this.webhook.url, raw, secret === null ? {} : { "X-Bot-Api-Secret-Token": secret });
  }
}
