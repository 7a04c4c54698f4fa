import type {
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Opts,
  ReplyKeyboardMarkup,
  User,
} from "grammy/types";
import { FakeApiError, unixNow, withoutUndefined } from "./telegram-common.ts";
import { tryFormat } from "./telegram-rules.ts";
import type { UploadedFile } from "./telegram-schema.ts";

// The chats as Telegram holds them: every message as it currently stands (edits applied,
// deleted ones gone), the files, and the Bot API methods that change them.

export type MessageKind = "text" | "photo" | "document" | "sticker" | "other";

export type ReplyMarkup = NonNullable<Opts<"sendMessage">["reply_markup"]>;

/** A message as the user currently sees it. */
export interface TranscriptMessage {
  message_id: number;
  from: "bot" | "user";
  kind: MessageKind;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  /** The markup the message was sent or last edited with (inline keyboards, reply keyboards…). */
  reply_markup?: ReplyMarkup;
  file_id?: string;
  file_name?: string;
  date: number;
  edited: boolean;
}

/** A file the bot uploaded. */
export interface BotUpload {
  method: string;
  /** The API parameter the file was sent for (photo, document…). */
  param: string;
  file: UploadedFile;
  file_id: string;
}

/** Who a private chat is with (the simulator's users). */
export interface ChatPartner {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface StoredMessage {
  message: Message;
  from: "bot" | "user";
  kind: MessageKind;
  markup?: ReplyMarkup;
}

export interface ChatState {
  chat: Chat;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  blocked: boolean;
  keyboard?: ReplyKeyboardMarkup;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  data?: Buffer;
}

type FileRef = { file_id: string; file_unique_id: string; file_size: number };
type MessageAddress = { chat_id?: number | string; message_id?: number; inline_message_id?: string };

const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function isInlineKeyboard(markup: unknown): markup is InlineKeyboardMarkup {
  return typeof markup === "object" && markup !== null && "inline_keyboard" in markup;
}

export function kindOf(message: Message): MessageKind {
  if (message.text !== undefined) return "text";
  if (message.photo) return "photo";
  if (message.document) return "document";
  if (message.sticker) return "sticker";
  return "other";
}

export class ChatStore {
  readonly uploads: BotUpload[] = [];
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  private nextFileNumber = 1;

  constructor(
    private readonly botUser: User,
    private readonly strictChats: boolean,
    private readonly changed: () => void,
  ) {}

  get(chatId: number): ChatState | undefined {
    return this.chats.get(chatId);
  }

  /** The chat with that id, created if new; a partner's names are refreshed. */
  ensure(id: number, partner?: ChatPartner): ChatState {
    let state = this.chats.get(id);
    if (!state) {
      state = { chat: chatObject(id, partner), nextMessageId: 1, messages: new Map(), blocked: false };
      this.chats.set(id, state);
    } else if (partner) state.chat = chatObject(id, partner);
    return state;
  }

  transcript(chatId: number, includeUser: boolean): TranscriptMessage[] {
    const state = this.chats.get(chatId);
    if (!state) return [];
    return [...state.messages.values()]
      .filter((m) => includeUser || m.from === "bot")
      .map((m) => transcriptOf(m));
  }

  /** Stores a message the user sent; it takes the chat's next message_id unless it has one. */
  addUserMessage(chat: ChatState, message: Message): void {
    chat.nextMessageId = Math.max(chat.nextMessageId, message.message_id + 1);
    chat.messages.set(message.message_id, { message, from: "user", kind: kindOf(message) });
  }

  fileByPath(path: string): StoredFile | undefined {
    return [...this.files.values()].find((f) => f.file_path === path);
  }

  registerFile(
    dir: string,
    ext: string,
    fileId: string | undefined,
    size: number,
    data?: Buffer,
  ): StoredFile {
    const n = this.nextFileNumber++;
    const file: StoredFile = {
      file_id: fileId ?? `fake_${dir}_${n}`,
      file_unique_id: `fake_unique_${n}`,
      file_size: data?.length ?? size,
      file_path: `${dir}/file_${n}.${ext}`,
    };
    if (data) file.data = data;
    this.files.set(file.file_id, file);
    return file;
  }

  fileRef(f: StoredFile): FileRef {
    return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size };
  }

  // ------------------------------------------------------------ Bot API methods

  /** The chat a send or edit addresses: it must exist (with strictChats) and not have blocked the bot. */
  target(chatId: unknown): ChatState {
    const id =
      typeof chatId === "number" ? chatId : /^-?\d+$/.test(String(chatId)) ? Number(chatId) : Number.NaN;
    const known = this.chats.get(id);
    if (Number.isNaN(id) || (!known && this.strictChats))
      throw new FakeApiError(400, "Bad Request: chat not found");
    const chat = known ?? this.ensure(id);
    if (chat.blocked) throw new FakeApiError(403, "Forbidden: bot was blocked by the user");
    return chat;
  }

  sendMessage(p: Opts<"sendMessage">): Message {
    const chat = this.target(p.chat_id);
    const f = formatted(p.text, p.parse_mode, p.entities);
    const content: Partial<Message> = { text: f.text };
    if (f.entities) content.entities = f.entities;
    if (p.link_preview_options) content.link_preview_options = p.link_preview_options;
    return this.storeBotMessage(chat, content, p);
  }

  sendMedia(kind: "photo" | "document", p: Record<string, unknown>): Message {
    const chat = this.target(p.chat_id);
    const file = this.fileFor(kind, p[kind], kind === "photo" ? "sendPhoto" : "sendDocument");
    const content: Partial<Message> = {};
    if (kind === "photo") {
      const thumb = this.registerFile("photos", "jpg", undefined, 1_500);
      content.photo = [
        { ...this.fileRef(thumb), width: 90, height: 90 },
        { ...this.fileRef(file.stored), width: 1280, height: 1280 },
      ];
    } else {
      const type = file.upload?.contentType;
      content.document = withoutUndefined({
        ...this.fileRef(file.stored),
        file_name: file.name,
        mime_type: type === "application/octet-stream" ? undefined : type,
      });
    }
    if (typeof p.caption === "string") {
      const f = formatted(p.caption, p.parse_mode, p.caption_entities);
      content.caption = f.text;
      if (f.entities) content.caption_entities = f.entities;
    }
    return this.storeBotMessage(chat, content, p);
  }

  editText(p: Opts<"editMessageText">): Message {
    const stored = this.editable(p);
    if (stored.message.text === undefined) {
      throw new FakeApiError(400, "Bad Request: there is no text in the message to edit");
    }
    const f = formatted(p.text ?? "", p.parse_mode, p.entities);
    const content: Partial<Message> = { text: f.text, entities: f.entities };
    if (p.link_preview_options) content.link_preview_options = p.link_preview_options;
    return this.applyEdit(stored, content, p.reply_markup);
  }

  editCaption(p: Opts<"editMessageCaption">): Message {
    const stored = this.editable(p);
    if (stored.kind !== "photo" && stored.kind !== "document") {
      throw new FakeApiError(400, "Bad Request: there is no caption in the message to edit");
    }
    const f = p.caption ? formatted(p.caption, p.parse_mode, p.caption_entities) : undefined;
    return this.applyEdit(stored, { caption: f?.text, caption_entities: f?.entities }, p.reply_markup);
  }

  editMarkup(p: Opts<"editMessageReplyMarkup">): Message {
    return this.applyEdit(this.editable(p), {}, p.reply_markup);
  }

  deleteMessage(p: Opts<"deleteMessage">): boolean {
    const chat = this.target(p.chat_id);
    if (!chat.messages.delete(p.message_id)) {
      throw new FakeApiError(400, "Bad Request: message to delete not found");
    }
    this.changed();
    return true;
  }

  getFile(p: Opts<"getFile">): FileRef & { file_path: string } {
    const file = this.files.get(p.file_id);
    if (!file) throw new FakeApiError(400, "Bad Request: invalid file_id");
    return { ...this.fileRef(file), file_path: file.file_path };
  }

  // ------------------------------------------------------------ internals

  private storeBotMessage(chat: ChatState, content: Partial<Message>, p: Record<string, unknown>): Message {
    const markup = p.reply_markup as ReplyMarkup | undefined;
    const message = {
      message_id: chat.nextMessageId++,
      from: this.botUser,
      chat: chat.chat,
      date: unixNow(),
      ...this.replyTo(chat, p.reply_parameters as Opts<"sendMessage">["reply_parameters"]),
      ...content,
      // A message carries only an inline keyboard; reply keyboards live under the input field.
      ...(isInlineKeyboard(markup) ? { reply_markup: markup } : {}),
    } as Message;
    if (markup && "keyboard" in markup) chat.keyboard = markup;
    if (markup && "remove_keyboard" in markup) chat.keyboard = undefined;
    const stored: StoredMessage = { message, from: "bot", kind: kindOf(message) };
    if (markup) stored.markup = markup;
    chat.messages.set(message.message_id, stored);
    return structuredClone(message);
  }

  private replyTo(chat: ChatState, reply: Opts<"sendMessage">["reply_parameters"]): Partial<Message> {
    if (!reply) return {};
    const target = this.chats.get(Number(reply.chat_id ?? chat.chat.id))?.messages.get(reply.message_id ?? 0);
    if (target) {
      const { reply_to_message: _nested, ...original } = target.message;
      return { reply_to_message: original } as unknown as Partial<Message>;
    }
    if (reply.allow_sending_without_reply) return {};
    throw new FakeApiError(400, "Bad Request: message to be replied not found");
  }

  /** The file a send refers to: a new upload, a URL Telegram would fetch, or an existing file_id. */
  private fileFor(
    kind: "photo" | "document",
    value: unknown,
    method: string,
  ): { stored: StoredFile; name?: string; upload?: UploadedFile } {
    const dir = kind === "photo" ? "photos" : "documents";
    if (typeof value === "string") {
      const known = this.files.get(value);
      if (known) return { stored: known };
      const isUrl = /^https?:\/\//.test(value);
      const name = isUrl ? value.split("/").pop() : undefined;
      return { stored: this.registerFile(dir, "dat", isUrl ? undefined : value, 10_000), name };
    }
    const upload = value as UploadedFile;
    const ext = upload.filename.split(".").pop() ?? "dat";
    const stored = this.registerFile(dir, ext, undefined, upload.size, upload.data);
    this.uploads.push({ method, param: kind, file: upload, file_id: stored.file_id });
    return { stored, name: upload.filename, upload };
  }

  /** The bot's message an edit addresses. */
  private editable(p: MessageAddress): StoredMessage {
    if (p.inline_message_id !== undefined) throw new FakeApiError(400, "Bad Request: MESSAGE_ID_INVALID");
    const stored = this.target(p.chat_id).messages.get(p.message_id ?? 0);
    if (!stored) throw new FakeApiError(400, "Bad Request: message to edit not found");
    if (stored.from !== "bot") throw new FakeApiError(400, "Bad Request: message can't be edited");
    return stored;
  }

  /** Applies an edit, or refuses it as Telegram does when nothing would change. */
  private applyEdit(stored: StoredMessage, content: Partial<Message>, markup: unknown): Message {
    const inline = isInlineKeyboard(markup) ? markup : undefined;
    const before = stored.message;
    const changed =
      Object.entries(content).some(([k, v]) => !sameJson(before[k as keyof Message], v)) ||
      !sameJson(before.reply_markup, inline);
    if (!changed) throw new FakeApiError(400, NOT_MODIFIED);
    // An edit without reply_markup removes the inline keyboard, as in Telegram.
    const { reply_markup: _old, ...rest } = before;
    const edited = { ...rest, ...content, edit_date: unixNow() } as Message;
    if (inline) edited.reply_markup = inline;
    stored.message = withoutUndefined(edited);
    stored.markup = inline;
    this.changed();
    return structuredClone(stored.message);
  }
}

function chatObject(id: number, partner?: ChatPartner): Chat {
  if (id < 0) return { id, type: "group", title: `Group ${id}` };
  return withoutUndefined({
    id,
    type: "private" as const,
    first_name: partner?.first_name ?? `User ${id}`,
    last_name: partner?.last_name,
    username: partner?.username,
  });
}

function transcriptOf(stored: StoredMessage): TranscriptMessage {
  const m = stored.message;
  const file = m.document ?? m.photo?.at(-1) ?? m.sticker;
  return withoutUndefined({
    message_id: m.message_id,
    from: stored.from,
    kind: stored.kind,
    text: m.text,
    entities: m.entities,
    caption: m.caption,
    reply_markup: stored.markup,
    file_id: file?.file_id,
    file_name: m.document?.file_name,
    date: m.date,
    edited: m.edit_date !== undefined,
  });
}

/** Text as Telegram stores it; the rules already refused markup it cannot parse. */
function formatted(
  text: string,
  parseMode: unknown,
  entities: unknown,
): { text: string; entities?: MessageEntity[] } {
  const f = tryFormat(text, parseMode, entities);
  if (typeof f === "string") throw new FakeApiError(400, `Bad Request: ${f}`);
  return f.entities.length ? f : { text: f.text };
}
