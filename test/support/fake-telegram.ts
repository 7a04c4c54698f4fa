import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  Document,
  Message,
  MessageEntity,
  Opts,
  PhotoSize,
  ReplyKeyboardMarkup,
  Sticker,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { BodyError, type ParsedRequest, parseRequest, readBody, type Transport } from "./http-body.ts";
import {
  type BotUpload,
  type ChatState,
  ChatStore,
  type MessageKind,
  type StoredMessage,
  type TranscriptMessage,
} from "./telegram-chats.ts";
import { Described, FakeApiError, sleep, unixNow, withoutUndefined } from "./telegram-common.ts";
import { checkRules } from "./telegram-rules.ts";
import { ApiSchema, loadApiSpec, type MethodSpec, type UploadedFile } from "./telegram-schema.ts";
import { UpdateQueue, type WebhookDelivery } from "./telegram-updates.ts";

// A local stand-in for the Telegram Bot API server. Bots talk to it over HTTP exactly as they
// would to api.telegram.org (point grammY at it with `client: { apiRoot: fake.url }`); tests drive
// it as the users would (sendText, press…) and read back what the users see (chat()). Every call
// is checked against the official API description, and calls Telegram would refuse as malformed
// are listed by violations(), so a test can insist there are none.
//
//   const fake = await startFakeTelegram();
//   const bot = new Bot(fake.token, { client: { apiRoot: fake.url } });
//   void bot.start();
//   fake.sendCommand({ id: 1, first_name: "An" }, "/start");
//   const hello = await fake.waitFor((f) => f.lastMessage(1));
//   fake.press({ id: 1, first_name: "An" }, hello.message_id, "register");
//   …
//   await bot.stop();
//   expect(fake.violations()).toEqual([]);
//   await fake.close();
//
// Validation and limits live in telegram-schema.ts and telegram-rules.ts, parse_mode handling in
// telegram-format.ts, chats and files in telegram-chats.ts, polling and webhooks in telegram-updates.ts.

export type { BotUpload, MessageKind, TranscriptMessage, Transport, UploadedFile, WebhookDelivery };
export { FakeApiError };

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface FakeTelegramOptions {
  /** The only token accepted (others get 401). By default any token is accepted. */
  token?: string;
  /** The bot's user id; defaults to the numeric part of `token`, else 7000000001. */
  botId?: number;
  /** The bot's username (getMe); default "dvk_test_bot". */
  username?: string;
  /** The bot's first name (getMe); default "DVK Test Bot". */
  firstName?: string;
  /** Path of the Bot API description; default DEFAULT_SPEC_PATH (env TELEGRAM_API_JSON overrides). */
  specPath?: string;
  /** Delay before every API answer, in milliseconds (see also setLatency). */
  latencyMs?: number;
  /** The first update_id handed out; default 1000. */
  firstUpdateId?: number;
  /** Pause between webhook delivery attempts after a failure; default 100 ms. */
  webhookRetryMs?: number;
  /** How long a webhook delivery may take before it counts as failed; default 10 s. */
  webhookTimeoutMs?: number;
  /** Refuse sends to chats no simulated user has written from (400 "chat not found"); default false. */
  strictChats?: boolean;
}

/** An error the fake answers instead of acting (failNext). */
export type Fault =
  | { status: 429; retryAfter: number; description?: string }
  | { status: 400 | 403 | 409 | 500 | 502 | 503 | 504; description?: string };

export interface RecordedCall {
  /** The method's canonical name (as spelled in the API), or as requested if unknown. */
  method: string;
  /** Parameters as understood: numbers, booleans and objects parsed, files as UploadedFile. */
  params: Record<string, unknown>;
  /** When the request arrived (ms since the epoch). */
  at: number;
  durationMs: number;
  /** HTTP status answered; 499 when the client went away first (an aborted long poll). */
  status: number;
  ok: boolean;
  result?: unknown;
  description?: string;
  /** Why the call broke the API's rules; such calls are the violations(). */
  rejected?: string;
  /** The answer was a fault set up with failNext. */
  injected?: boolean;
  transport: Transport;
  /** File parts uploaded with the call. */
  files: UploadedFile[];
}

export interface UserPhoto {
  file_id?: string;
  caption?: string;
  media_group_id?: string;
  width?: number;
  height?: number;
  file_size?: number;
  /** Bytes served when the bot downloads the file (getFile, then GET /file/bot<token>/<path>). */
  content?: Buffer;
}

export interface UserDocument {
  file_id?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
  caption?: string;
  media_group_id?: string;
  content?: Buffer;
}

export interface UserSticker {
  file_id?: string;
  emoji?: string;
}

export type RawUpdate = Omit<Update, "update_id"> & { update_id?: number };

/** Custom behaviour for a method (see handle()); throw FakeApiError to answer an error. */
export type MethodHandler = (params: Record<string, unknown>, fake: FakeTelegram) => unknown;

type Truthy<T> = Exclude<T, false | null | undefined | 0 | "">;
type Params = Record<string, unknown>;

interface Outcome {
  status: number;
  body: Record<string, unknown>;
  rejected?: string;
  injected?: boolean;
}

interface ApiRequest {
  token: string;
  methodName: string;
  parsed: ParsedRequest;
  signal: AbortSignal;
  at: number;
}

const FAULT_TEXT: Record<number, string> = {
  400: "Bad Request: injected fault",
  403: "Forbidden: injected fault",
  409: "Conflict: injected fault",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const NOT_FOUND = { ok: false, error_code: 404, description: "Not Found" };

/** Starts a fake Bot API server on 127.0.0.1 at a random port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegram(options);
  await fake.listen();
  return fake;
}

export class FakeTelegram {
  /** The apiRoot to give the bot, e.g. "http://127.0.0.1:40123" (no trailing slash). */
  url = "";
  /** A token to construct the bot with; accepted by this fake. */
  readonly token: string;
  /** The bot as getMe describes it. */
  readonly botUser: User & { is_bot: true; username: string };

  private readonly server: Server;
  private readonly schema: ApiSchema;
  private readonly events = new EventEmitter();
  private readonly closing = new AbortController();
  private readonly inflight = new Set<Promise<void>>();
  private readonly chats: ChatStore;
  private readonly updates: UpdateQueue;

  private readonly log: RecordedCall[] = [];
  private readonly faults = new Map<string, { fault: Fault; remaining: number }[]>();
  private readonly latency = new Map<string, number>();
  private readonly custom = new Map<string, MethodHandler>();
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly openQueries = new Set<string>();
  private nextUpdateId: number;
  private nextQueryId = 1;
  private lastUpdate?: Update;

  /** The methods the fake simulates; other methods returning Boolean just answer true. */
  private readonly handlers: Record<string, (p: Params, signal: AbortSignal) => unknown> = {
    getMe: () => this.getMe(),
    getUpdates: (p, signal) => this.updates.getUpdates(p as Opts<"getUpdates">, signal),
    setWebhook: (p) => this.updates.setWebhook(p as Opts<"setWebhook">),
    deleteWebhook: (p) => this.updates.deleteWebhook(p as Opts<"deleteWebhook">),
    getWebhookInfo: () => this.updates.webhookInfo(),
    sendMessage: (p) => this.chats.sendMessage(p as Opts<"sendMessage">),
    sendPhoto: (p) => this.chats.sendMedia("photo", p),
    sendDocument: (p) => this.chats.sendMedia("document", p),
    editMessageText: (p) => this.chats.editText(p as Opts<"editMessageText">),
    editMessageCaption: (p) => this.chats.editCaption(p as Opts<"editMessageCaption">),
    editMessageReplyMarkup: (p) => this.chats.editMarkup(p as Opts<"editMessageReplyMarkup">),
    deleteMessage: (p) => this.chats.deleteMessage(p as Opts<"deleteMessage">),
    getFile: (p) => this.chats.getFile(p as Opts<"getFile">),
    sendChatAction: (p) => {
      this.chats.target(p.chat_id); // a blocked user or an unknown chat still fails
      return true;
    },
    answerCallbackQuery: (p) => this.answerCallbackQuery(p as Opts<"answerCallbackQuery">),
    setMyCommands: (p) => {
      this.commands.set(commandsKey(p), [...(p as Opts<"setMyCommands">).commands]);
      return true;
    },
    getMyCommands: (p) => this.commands.get(commandsKey(p)) ?? [],
    deleteMyCommands: (p) => {
      this.commands.delete(commandsKey(p));
      return true;
    },
  };

  constructor(private readonly options: FakeTelegramOptions = {}) {
    this.schema = new ApiSchema(loadApiSpec(options.specPath));
    const tokenId = Number(/^(\d+):/.exec(options.token ?? "")?.[1]);
    const botId = options.botId ?? (Number.isSafeInteger(tokenId) ? tokenId : 7_000_000_001);
    this.token = options.token ?? `${botId}:FAKE-telegram-token`;
    this.botUser = {
      id: botId,
      is_bot: true,
      first_name: options.firstName ?? "DVK Test Bot",
      username: options.username ?? "dvk_test_bot",
    };
    this.nextUpdateId = options.firstUpdateId ?? 1000;
    if (options.latencyMs) this.latency.set("*", options.latencyMs);
    this.events.setMaxListeners(0);
    const changed = () => this.events.emit("change");
    this.chats = new ChatStore(this.botUser, options.strictChats ?? false, changed);
    this.updates = new UpdateQueue({
      webhookRetryMs: options.webhookRetryMs,
      webhookTimeoutMs: options.webhookTimeoutMs,
      closing: this.closing.signal,
      webhookReply: (method, params) => this.performWebhookReply(method, params),
      changed,
    });
    this.server = createServer((req, res) => this.track(req, res));
  }

  /** @internal Used by startFakeTelegram. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Stops the server; a waiting long poll is answered with [] first. */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.updates.wakePoller();
    // Let answers already under way reach their clients, but do not wait forever.
    await Promise.race([Promise.allSettled([...this.inflight]), sleep(1000)]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ------------------------------------------------------------ recording

  /** Every call answered so far, in the order answered. */
  calls(): RecordedCall[] {
    return [...this.log];
  }

  callsOf(method: string): RecordedCall[] {
    return this.log.filter((c) => c.method === method);
  }

  /** Calls Telegram would refuse as malformed (bad types, limits, unknown methods). Tests expect none. */
  violations(): RecordedCall[] {
    return this.log.filter((c) => c.rejected !== undefined);
  }

  /**
   * Every failed call that was not an injected fault: the violations plus well-formed calls the
   * state refused ("message is not modified", "chat not found", a blocked user…).
   */
  errors(): RecordedCall[] {
    return this.log.filter((c) => !c.ok && !c.injected && c.status !== 499);
  }

  /** The number of calls recorded so far; pass it as `since` to waitForCall. */
  mark(): number {
    return this.log.length;
  }

  /** Forgets recorded calls, uploads and webhook deliveries (not chats or queued updates). */
  clearCalls(): void {
    this.log.length = 0;
    this.chats.uploads.length = 0;
    this.updates.deliveries.length = 0;
  }

  /** Files the bot uploaded (sendPhoto/sendDocument with an InputFile). */
  uploads(): BotUpload[] {
    return [...this.chats.uploads];
  }

  webhookDeliveries(): WebhookDelivery[] {
    return [...this.updates.deliveries];
  }

  /** Updates queued and not yet confirmed by the bot (or accepted by its webhook). */
  pendingUpdates(): Update[] {
    return this.updates.pending();
  }

  /**
   * Resolves with the predicate's first truthy result. It is checked at once, after every call,
   * update and delivery, and every 25 ms (so it may also watch state outside the fake). A
   * predicate that throws counts as "not yet".
   */
  waitFor<T>(predicate: (fake: FakeTelegram) => T, timeoutMs = 5000): Promise<Truthy<T>> {
    return new Promise((resolve, reject) => {
      let lastError: unknown;
      const finish = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.events.off("change", check);
      };
      const check = () => {
        try {
          const value = predicate(this);
          if (value) {
            finish();
            resolve(value as Truthy<T>);
          }
        } catch (e) {
          lastError = e;
        }
      };
      const timer = setTimeout(() => {
        finish();
        const because = lastError ? `; the predicate last threw: ${String(lastError)}` : "";
        reject(
          new Error(`waitFor: nothing after ${timeoutMs} ms${because}; recent calls: ${this.summary()}`),
        );
      }, timeoutMs);
      const poll = setInterval(check, 25);
      this.events.on("change", check);
      check();
    });
  }

  /** Waits for a call of `method`, recorded at index `since` (see mark()) or later, that `match` accepts. */
  waitForCall(
    method: string,
    options: { match?: (call: RecordedCall) => boolean; since?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall> {
    const { match, since = 0, timeoutMs } = options;
    const found = () => this.log.slice(since).find((c) => c.method === method && (match?.(c) ?? true));
    return this.waitFor(found, timeoutMs);
  }

  private summary(): string {
    const line = (c: RecordedCall) => `${c.method}→${c.status}${c.rejected ? ` (${c.rejected})` : ""}`;
    return this.log.slice(-8).map(line).join(", ") || "none";
  }

  // ------------------------------------------------------------ control

  /** The next `times` calls of `method` ("*" for any) answer `fault` without acting. */
  failNext(method: string, fault: Fault, times = 1): void {
    const key = this.canonical(method);
    this.faults.set(key, [...(this.faults.get(key) ?? []), { fault, remaining: times }]);
  }

  /** Delays answers to `method` (default: every method) by `ms`; 0 removes the delay. */
  setLatency(ms: number, method = "*"): void {
    this.latency.set(this.canonical(method), ms);
  }

  /** Replaces (or adds) the behaviour of a method; its calls are still validated and recorded. */
  handle(method: string, handler: MethodHandler): void {
    this.custom.set(this.canonical(method), handler);
  }

  private canonical(method: string): string {
    return method === "*" ? method : (this.schema.method(method)?.name ?? method);
  }

  // ------------------------------------------------------------ what the user sees

  /** The chat as the user sees it now: the bot's messages, and with includeUser the user's too. */
  chat(chatId: number, options: { includeUser?: boolean } = {}): TranscriptMessage[] {
    return this.chats.transcript(chatId, options.includeUser ?? false);
  }

  /** The bot's latest message in the chat. */
  lastMessage(chatId: number): TranscriptMessage | undefined {
    return this.chat(chatId).at(-1);
  }

  /** The Telegram Message object as it now stands (what a callback query would carry). */
  message(chatId: number, messageId: number): Message | undefined {
    const stored = this.chats.get(chatId)?.messages.get(messageId);
    return stored && structuredClone(stored.message);
  }

  /** The reply keyboard currently shown under the input field, if any. */
  keyboard(chatId: number): ReplyKeyboardMarkup | undefined {
    return this.chats.get(chatId)?.keyboard;
  }

  /** Commands set with setMyCommands for a scope (default: the default scope) and language. */
  myCommands(
    scope?: { type: string; chat_id?: number | string; user_id?: number },
    language = "",
  ): BotCommand[] {
    return this.commands.get(commandsKey({ scope, language_code: language })) ?? [];
  }

  // ------------------------------------------------------------ user simulator

  /** The user writes `text`; /commands in it get bot_command entities, as Telegram adds them. */
  sendText(user: FakeUser, text: string): number {
    const entities: MessageEntity[] = [];
    for (const m of text.matchAll(/(?<=^|\s)\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]+)?/g)) {
      entities.push({ type: "bot_command", offset: m.index, length: m[0].length });
    }
    return this.fromUser(user, entities.length ? { text, entities } : { text });
  }

  /** The user sends a command: sendCommand(u, "/start", "invite-42") sends "/start invite-42". */
  sendCommand(user: FakeUser, command: string, payload?: string): number {
    const name = command.startsWith("/") ? command : `/${command}`;
    const text = payload ? `${name} ${payload}` : name;
    return this.fromUser(user, { text, entities: [{ type: "bot_command", offset: 0, length: name.length }] });
  }

  /** The user sends a photo; it arrives in three sizes, the largest with `file_id` if given. */
  sendPhoto(user: FakeUser, photo: UserPhoto = {}): number {
    const full = this.chats.registerFile(
      "photos",
      "jpg",
      photo.file_id,
      photo.file_size ?? 245_000,
      photo.content,
    );
    const width = photo.width ?? 1280;
    const height = photo.height ?? 960;
    const sizes: PhotoSize[] = [90, 320].map((w) => {
      const small = this.chats.registerFile(
        "photos",
        "jpg",
        undefined,
        Math.round((full.file_size * w) / width),
      );
      return { ...this.chats.fileRef(small), width: w, height: Math.round((height * w) / width) };
    });
    sizes.push({ ...this.chats.fileRef(full), width, height });
    const content = { photo: sizes, caption: photo.caption, media_group_id: photo.media_group_id };
    return this.fromUser(user, withoutUndefined(content));
  }

  sendDocument(user: FakeUser, doc: UserDocument = {}): number {
    const file_name = doc.file_name ?? "document.pdf";
    const ext = file_name.split(".").pop() ?? "dat";
    const stored = this.chats.registerFile(
      "documents",
      ext,
      doc.file_id,
      doc.file_size ?? 48_000,
      doc.content,
    );
    const document: Document = {
      ...this.chats.fileRef(stored),
      file_name,
      mime_type: doc.mime_type ?? (ext === "pdf" ? "application/pdf" : "application/octet-stream"),
    };
    return this.fromUser(
      user,
      withoutUndefined({ document, caption: doc.caption, media_group_id: doc.media_group_id }),
    );
  }

  sendSticker(user: FakeUser, sticker: UserSticker = {}): number {
    const stored = this.chats.registerFile("stickers", "webp", sticker.file_id, 21_000);
    const content: Sticker = {
      ...this.chats.fileRef(stored),
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: sticker.emoji ?? "👍",
    };
    return this.fromUser(user, { sticker: content });
  }

  /**
   * The user presses the button with `callbackData` on message `messageId` of their chat; the
   * callback query carries the message as it now stands. Throws if there is no such button,
   * unless `unchecked` (then even a missing message is sent, as an inaccessible one).
   */
  press(
    user: FakeUser,
    messageId: number,
    callbackData: string,
    options: { unchecked?: boolean } = {},
  ): number {
    const chat = this.chats.ensure(user.id, user);
    const stored = chat.messages.get(messageId);
    if (!options.unchecked) assertButton(chat, stored, messageId, callbackData);
    const id = String(4_000_000_000_000 + this.nextQueryId++);
    this.openQueries.add(id);
    const message = stored
      ? structuredClone(stored.message)
      : { chat: chat.chat, message_id: messageId, date: 0 as const };
    const callback_query = {
      id,
      from: telegramUser(user),
      message,
      chat_instance: String(-chat.chat.id * 7919),
      data: callbackData,
    };
    return this.enqueue({ update_id: this.nextUpdateId++, callback_query });
  }

  /**
   * Queues any update. Without update_id it gets the next one; with one it keeps it (an id
   * already handed out makes it a repeated delivery). A message in it joins the transcript; a
   * callback query in it becomes answerable.
   */
  inject(update: RawUpdate): number {
    const id = update.update_id ?? this.nextUpdateId;
    const duplicate = id < this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, id + 1);
    const full = { ...update, update_id: id } as Update;
    if (full.callback_query) this.openQueries.add(full.callback_query.id);
    if (full.message && !duplicate)
      this.chats.addUserMessage(this.chats.ensure(full.message.chat.id), full.message);
    return this.enqueue(full, duplicate);
  }

  /** Delivers the last queued update once more, with the same update_id. */
  duplicateLast(): number {
    if (!this.lastUpdate) throw new Error("duplicateLast: no update was sent yet");
    return this.enqueue(structuredClone(this.lastUpdate), true);
  }

  /** The user blocks the bot: sends to them get 403, and the bot gets a my_chat_member update. */
  block(user: FakeUser): number {
    this.chats.ensure(user.id, user).blocked = true;
    return this.memberUpdate(user, "member", "kicked");
  }

  unblock(user: FakeUser): number {
    this.chats.ensure(user.id, user).blocked = false;
    return this.memberUpdate(user, "kicked", "member");
  }

  private memberUpdate(user: FakeUser, from: "member" | "kicked", to: "member" | "kicked"): number {
    const member = (status: "member" | "kicked") =>
      status === "kicked" ? { user: this.botUser, status, until_date: 0 } : { user: this.botUser, status };
    const my_chat_member = {
      chat: this.chats.ensure(user.id, user).chat,
      from: telegramUser(user),
      date: unixNow(),
      old_chat_member: member(from),
      new_chat_member: member(to),
    };
    return this.enqueue({ update_id: this.nextUpdateId++, my_chat_member } as Update);
  }

  private fromUser(user: FakeUser, content: Partial<Message>): number {
    const chat = this.chats.ensure(user.id, user);
    const message = {
      message_id: chat.nextMessageId,
      from: telegramUser(user),
      chat: chat.chat,
      date: unixNow(),
      ...content,
    } as Message;
    this.chats.addUserMessage(chat, message);
    return this.enqueue({ update_id: this.nextUpdateId++, message } as Update);
  }

  private enqueue(update: Update, duplicate = false): number {
    this.updates.add(update, duplicate);
    this.lastUpdate = update;
    this.events.emit("change");
    return update.update_id;
  }

  // ------------------------------------------------------------ HTTP

  private track(req: IncomingMessage, res: ServerResponse): void {
    const done = this.onRequest(req, res).catch((e: unknown) => {
      if (!res.headersSent) this.send(res, 500, { ok: false, error_code: 500, description: String(e) });
    });
    this.inflight.add(done);
    void done.finally(() => this.inflight.delete(done));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "GET" && url.pathname.startsWith("/file/bot")) return this.serveFile(url, res);
    const route = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    if (!route || (req.method !== "GET" && req.method !== "POST")) return this.send(res, 404, NOT_FOUND);
    const gone = clientGone(req, res);
    const methodName = decodeURIComponent(route[2]!);
    let parsed: ParsedRequest;
    try {
      parsed = parseRequest(req.headers["content-type"], await readBody(req), url.searchParams);
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      const outcome = reject(400, `Bad Request: ${e.message}`);
      this.record(
        { method: this.canonical(methodName), params: {}, files: [], transport: "json", at },
        outcome,
      );
      return this.send(res, outcome.status, outcome.body);
    }
    const outcome = await this.dispatch({ token: route[1]!, methodName, parsed, signal: gone, at });
    if (!gone.aborted) this.send(res, outcome.status, outcome.body);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  }

  private serveFile(url: URL, res: ServerResponse): void {
    const file = this.chats.fileByPath(decodeURIComponent(url.pathname.replace(/^\/file\/bot[^/]+\//, "")));
    if (!file) {
      this.send(res, 404, NOT_FOUND);
      return;
    }
    const data = file.data ?? Buffer.from(`fake content of ${file.file_id}`);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": data.length });
    res.end(data);
  }

  // ------------------------------------------------------------ calls

  /** Validates, applies latency and faults, runs the method, and records the call. */
  private async dispatch(req: ApiRequest): Promise<Outcome> {
    const spec = this.schema.method(req.methodName);
    const files = [...req.parsed.files.values()];
    const base = { method: spec?.name ?? req.methodName, files, transport: req.parsed.transport, at: req.at };
    const checked = this.validate(req, spec);
    if ("outcome" in checked) {
      this.record({ ...base, params: req.parsed.params }, checked.outcome);
      return checked.outcome;
    }
    const { params } = checked;
    const method = spec!.name;
    const delay = this.latency.get(method) ?? this.latency.get("*") ?? 0;
    if (delay > 0) await sleep(delay, this.closing.signal);
    const outcome = this.takeFault(method) ?? (await this.run(method, spec!, params, req.signal));
    const gone: Outcome = { status: 499, body: { ok: false, description: "client closed request" } };
    this.record({ ...base, params }, req.signal.aborted ? gone : outcome);
    return outcome;
  }

  private validate(req: ApiRequest, spec: MethodSpec | undefined): { params: Params } | { outcome: Outcome } {
    if (this.options.token && req.token !== this.options.token)
      return { outcome: reject(401, "Unauthorized") };
    if (!spec) return { outcome: reject(404, "Not Found: method not found") };
    const fromForm = req.parsed.transport !== "json" && req.parsed.transport !== "webhook-reply";
    // A file sent under a parameter's own name is that parameter's value.
    const raw = { ...req.parsed.params };
    for (const [name, file] of req.parsed.files) {
      if (spec.fields?.some((f) => f.name === name)) raw[name] = file;
    }
    const checked = this.schema.checkParams(spec, raw, { fromForm, files: req.parsed.files });
    if (!checked.ok) return { outcome: reject(400, `Bad Request: ${checked.reason}`) };
    const params = checked.value as Params;
    const problem = checkRules(spec.name, params);
    if (problem) return { outcome: reject(400, `Bad Request: ${problem}`) };
    return { params };
  }

  private takeFault(method: string): Outcome | undefined {
    for (const key of [method, "*"]) {
      const next = this.faults.get(key)?.[0];
      if (!next) continue;
      if (--next.remaining <= 0) this.faults.get(key)!.shift();
      const { fault } = next;
      const parameters = fault.status === 429 ? { retry_after: fault.retryAfter } : undefined;
      const standard =
        fault.status === 429
          ? `Too Many Requests: retry after ${fault.retryAfter}`
          : FAULT_TEXT[fault.status];
      const description = fault.description ?? standard;
      return {
        status: fault.status,
        body: withoutUndefined({ ok: false, error_code: fault.status, description, parameters }),
        injected: true,
      };
    }
    return undefined;
  }

  private async run(method: string, spec: MethodSpec, params: Params, signal: AbortSignal): Promise<Outcome> {
    const custom = this.custom.get(method);
    const handler = this.handlers[method];
    try {
      let result: unknown;
      if (custom) result = await custom(params, this);
      else if (handler) result = await handler(params, signal);
      else if (spec.returns.length === 1 && spec.returns[0] === "Boolean")
        result = true; // settings and the like
      else
        return reject(
          501,
          `Not Implemented: the fake does not simulate ${method}; add it with fake.handle()`,
        );
      if (result instanceof Described) {
        return { status: 200, body: { ok: true, result: result.result, description: result.description } };
      }
      return { status: 200, body: { ok: true, result } };
    } catch (e) {
      if (!(e instanceof FakeApiError)) throw e;
      const body = { ok: false, error_code: e.status, description: e.description, parameters: e.parameters };
      return { status: e.status, body: withoutUndefined(body) };
    }
  }

  private record(
    base: Pick<RecordedCall, "method" | "params" | "files" | "transport" | "at">,
    outcome: Outcome,
  ): void {
    const body = outcome.body;
    const call: RecordedCall = {
      ...base,
      durationMs: Date.now() - base.at,
      status: outcome.status,
      ok: body.ok === true,
      result: body.result,
      description: body.description as string | undefined,
      rejected: outcome.rejected,
      injected: outcome.injected,
    };
    this.log.push(withoutUndefined(call));
    this.events.emit("change");
  }

  /** A webhook answered with a method call: performed like any other call, and recorded. */
  private performWebhookReply(methodName: string, params: Params): Promise<Outcome> {
    return this.dispatch({
      token: this.token,
      methodName,
      parsed: { transport: "webhook-reply", params, files: new Map() },
      signal: new AbortController().signal,
      at: Date.now(),
    });
  }

  // ------------------------------------------------------------ simple methods

  private getMe(): UserFromGetMe {
    return {
      ...this.botUser,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  private answerCallbackQuery(p: Opts<"answerCallbackQuery">): boolean {
    if (this.openQueries.delete(p.callback_query_id)) return true;
    throw new FakeApiError(
      400,
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
  }
}

function reject(status: number, description: string): Outcome {
  return { status, body: { ok: false, error_code: status, description }, rejected: description };
}

/**
 * Aborts when the client goes away before its answer (an aborted long poll), so it is not handed
 * updates it never gets. An aborting fetch often only half-closes its socket, which Node reports
 * as the socket's "end" rather than the response's "close".
 */
function clientGone(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const gone = new AbortController();
  const leave = () => {
    if (!res.writableEnded) gone.abort();
  };
  res.on("close", leave);
  req.socket.once("end", leave);
  res.on("finish", () => req.socket.off("end", leave));
  return gone.signal;
}

function telegramUser(user: FakeUser): User {
  const { id, first_name, last_name, username, language_code } = user;
  return withoutUndefined({ id, is_bot: false, first_name, last_name, username, language_code });
}

function assertButton(
  chat: ChatState,
  stored: StoredMessage | undefined,
  messageId: number,
  data: string,
): void {
  const where = `message ${messageId} in chat ${chat.chat.id}`;
  if (!stored) throw new Error(`press: there is no ${where}`);
  const buttons = (stored.message.reply_markup?.inline_keyboard ?? []).flat();
  const offered = buttons.flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
  if (!offered.includes(data)) {
    throw new Error(`press: no button "${data}" on ${where}; it has ${JSON.stringify(offered)}`);
  }
}

/** setMyCommands keeps one list per scope and language. */
function commandsKey(p: Params): string {
  const scope = (p.scope as Params | undefined) ?? { type: "default" };
  const ordered = Object.fromEntries(Object.entries(scope).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(ordered)}|${(p.language_code as string | undefined) ?? ""}`;
}
