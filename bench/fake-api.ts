// The Bot API as the benchmark's bots see it, answered in-process: no socket is opened and
// nothing leaves the process. Every call gets a realistic result (sendMessage a Message with the
// chat's next message_id, editMessageText the edited Message, answerCallbackQuery true…), and
// per chat the fake keeps only what a simulated user needs to go on: the latest message that
// carries an inline keyboard, so the user can press one of its buttons.
//
// Two ways in, with the same answers:
// - `transformer`, a grammY API transformer for `bot.api.config.use()` (it answers without
//   calling the transformers below it, so no request is ever built);
// - `fetch`, for `new Bot(token, { client: { fetch } })`: for Api instances that do not inherit
//   bot.api's transformers (those @grammyjs/conversations creates inside a conversation).
import type { ApiClientOptions, Transformer } from "grammy";
import type {
  Chat,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

export const BOT_INFO: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "DVK Bench",
  username: "dvk_bench_bot",
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

export const BOT_TOKEN = `${BOT_INFO.id}:bench-token-never-sent-anywhere`;

interface Keyboard {
  messageId: number;
  text: string;
  rows: InlineKeyboardButton[][];
}

interface ChatState {
  chat: Chat.PrivateChat;
  nextMessageId: number;
  keyboard: Keyboard | null;
  /** Messages the bot sent to this chat (the fan-out counts duplicates with it). */
  sent: number;
}

type Params = Record<string, unknown>;

const unix = () => Math.floor(Date.now() / 1000);

function inlineRows(markup: unknown): InlineKeyboardButton[][] {
  const rows = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
  return Array.isArray(rows) ? rows : [];
}

export class FakeTelegramApi {
  private readonly chats = new Map<number, ChatState>();
  private readonly counts = new Map<string, number>();
  private nextUpdateId = 1;
  private nextQueryId = 1;

  /** The transformer to install on `bot.api` (last, so it answers before any other runs). */
  readonly transformer: Transformer = async (_prev, method, payload) =>
    ({ ok: true, result: this.answer(method, (payload ?? {}) as Params) }) as never;

  /** A `fetch` for grammY's client options: reads the method and JSON body grammY built. */
  readonly fetch = (async (url: string, init: { body?: string }) => {
    const method = url.slice(url.lastIndexOf("/") + 1);
    const result = this.answer(method, init.body ? (JSON.parse(init.body) as Params) : {});
    return { ok: true, status: 200, json: async () => ({ ok: true, result }) };
  }) as unknown as NonNullable<ApiClientOptions["fetch"]>;

  /** API calls answered so far, by method. */
  calls(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  totalCalls(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  /** Chats the bot has written to, and how many messages each got. */
  sentPerChat(): Map<number, number> {
    return new Map([...this.chats].map(([id, c]) => [id, c.sent]));
  }

  /** Messages the bot has sent to one chat so far. */
  sentTo(id: number): number {
    return this.chats.get(id)?.sent ?? 0;
  }

  private chat(id: number): ChatState {
    let state = this.chats.get(id);
    if (!state) {
      state = {
        chat: { id, type: "private", first_name: `User ${id}` },
        nextMessageId: 1,
        keyboard: null,
        sent: 0,
      };
      this.chats.set(id, state);
    }
    return state;
  }

  private answer(method: string, p: Params): unknown {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    switch (method) {
      case "getMe":
        return BOT_INFO;
      case "sendMessage": {
        const state = this.chat(Number(p.chat_id));
        const message = {
          message_id: state.nextMessageId++,
          date: unix(),
          chat: state.chat,
          from: BOT_INFO,
          text: String(p.text ?? ""),
          ...(p.reply_markup ? { reply_markup: p.reply_markup as InlineKeyboardMarkup } : {}),
        } satisfies Message.TextMessage;
        state.sent++;
        const rows = inlineRows(p.reply_markup);
        if (rows.length) state.keyboard = { messageId: message.message_id, text: message.text, rows };
        return message;
      }
      case "editMessageText": {
        const state = this.chat(Number(p.chat_id));
        const messageId = Number(p.message_id);
        const rows = inlineRows(p.reply_markup);
        if (state.keyboard?.messageId === messageId)
          state.keyboard = rows.length ? { messageId, text: String(p.text), rows } : null;
        return {
          message_id: messageId,
          date: unix(),
          edit_date: unix(),
          chat: state.chat,
          from: BOT_INFO,
          text: String(p.text ?? ""),
          ...(rows.length ? { reply_markup: { inline_keyboard: rows } } : {}),
        } satisfies Message.TextMessage;
      }
      default:
        // answerCallbackQuery, setMyCommands, deleteWebhook, sendChatAction…
        return true;
    }
  }

  // ------------------------------------------------------------------ updates, as users make them

  /** A text message from a user (a command when it starts with "/"). */
  textUpdate(from: User, text: string): Update {
    const state = this.chat(from.id);
    const command = /^\/\w+/.exec(text);
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: state.nextMessageId++,
        date: unix(),
        chat: state.chat,
        from,
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      },
    };
  }

  /**
   * A press of the button whose text starts with `label` on the chat's latest keyboard; with
   * `strict` false, the first button when none matches (a bot with other buttons, the echo).
   */
  pressUpdate(from: User, label: string, strict: boolean): Update {
    const keyboard = this.chat(from.id).keyboard;
    const buttons = (keyboard?.rows.flat() ?? []).filter(
      (b): b is InlineKeyboardButton.CallbackButton => "callback_data" in b,
    );
    const button = buttons.find((b) => b.text.startsWith(label)) ?? (strict ? undefined : buttons[0]);
    if (!keyboard || !button)
      throw new Error(
        `chat ${from.id}: no button "${label}" on the latest keyboard (${buttons.map((b) => b.text).join(" | ") || "none"})`,
      );
    const state = this.chat(from.id);
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: String(this.nextQueryId++),
        from,
        chat_instance: String(from.id),
        data: button.callback_data,
        message: {
          message_id: keyboard.messageId,
          date: unix(),
          chat: state.chat,
          from: BOT_INFO,
          text: keyboard.text,
          reply_markup: { inline_keyboard: keyboard.rows },
        },
      },
    };
  }
}
