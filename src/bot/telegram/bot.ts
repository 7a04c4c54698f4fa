import { timingSafeEqual } from "node:crypto";
import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import { type Api, Bot, GrammyError, InputFile } from "grammy";
import type { Update } from "grammy/types";
import type { Runner } from "../../dialogs/runner.ts";
import type { View } from "../../dialogs/view.ts";
import type { Translator } from "../../i18n.ts";
import type { Logger } from "../../logger.ts";
import { type Courier, RecipientUnreachable } from "../courier.ts";
import type { Route } from "../http/server.ts";
import { label, type Speaker, say } from "../text.ts";
import { MAX_TEXT, renderView } from "./render.ts";
import { CHANNEL, incomingOf } from "./updates.ts";

/** The Telegram channel on grammY: updates in, views out as messages with inline keyboards. */
export interface TelegramOptions {
  token: string;
  apiRoot: string;
  runner: Runner;
  translator: Translator;
  logger: Logger;
  /** How long a Bot API call may take before it fails (and is retried); default 30 s. */
  timeoutSeconds?: number;
  /** An update whose processing fails (the database unreachable) is tried again this many times. */
  attempts?: number;
  /** The first pause between attempts, doubled each time; default 1 s. */
  retryBaseMs?: number;
}

const COMMANDS = ["dangky", "hoso", "hangdoi", "baocao", "ngonngu", "huy", "trogiup"] as const;
const ENGLISH = {
  dangky: "register",
  hoso: "mine",
  hangdoi: "queue",
  baocao: "report",
  ngonngu: "language",
  huy: "cancel",
  trogiup: "help",
} as const;

/** Telegram answers 400 "message is not modified" for an edit that changes nothing: not a failure. */
function unchanged(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/.test(error.description);
}

/** The person cannot be written to: blocked the bot, deleted the account, or never started it. */
function unreachable(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    (error.error_code === 403 ||
      (error.error_code === 400 && /chat not found|user not found/i.test(error.description)))
  );
}

async function sendViews(
  api: Api,
  chatId: string,
  views: View[],
  speaker: Speaker,
  nonce: number,
): Promise<string | null> {
  let last: string | null = null;
  for (const view of views) {
    for (const message of renderView(speaker, view, nonce)) {
      const options = message.keyboard ? { reply_markup: message.keyboard } : {};
      const sent = await api.sendMessage(chatId, message.text, options);
      if (message.keyboard || last === null) last = String(sent.message_id);
    }
    for (const file of view.files ?? []) {
      const upload = new InputFile(Buffer.from(file.data), file.name);
      if (file.kind === "photo") await api.sendPhoto(chatId, upload);
      else await api.sendDocument(chatId, upload);
    }
  }
  return last;
}

function withTail(text: string, tail: string): string {
  const room = MAX_TEXT - tail.length - 2;
  return `${text.length > room ? `${text.slice(0, room - 1)}…` : text}\n\n${tail}`;
}

export function createTelegram(options: TelegramOptions) {
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 30 },
  });
  // 429 (honouring retry_after) and 5xx are retried; the notifications limiter paces the rest.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 6, maxDelaySeconds: 300 }));
  const { runner, translator, logger } = options;
  const attempts = options.attempts ?? 6;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  let onReply: (() => void) | undefined;

  async function process(update: Update, api: Api): Promise<void> {
    const query = update.callback_query;
    const incoming = incomingOf(update);
    if (!incoming) {
      // Forged or foreign callback data: answered, nothing done.
      if (query)
        await api.answerCallbackQuery(query.id, { text: translator.text("vi", { key: "dialog.stale" }) });
      return;
    }
    let out: Awaited<ReturnType<Runner["handle"]>>;
    for (let attempt = 1; ; attempt++) {
      try {
        out = await runner.handle(incoming);
        break;
      } catch (error) {
        // Nothing was recorded (the transaction rolled back): try again, the chat's later
        // updates waiting behind this one, until the database answers or the attempts run out.
        if (attempt < attempts) {
          logger.warn("update failed, trying again", { update: update.update_id, attempt, error });
          await new Promise((resolve) => setTimeout(resolve, retryBaseMs * 2 ** (attempt - 1)));
          continue;
        }
        if (query)
          await api
            .answerCallbackQuery(query.id, { text: translator.text("vi", { key: "dialog.failed" }) })
            .catch(() => {});
        throw error;
      }
    }
    const speaker = { translator, language: out.language };
    if (query) {
      const note = out.reply.stale ? { key: "dialog.stale" } : out.reply.notice;
      await api.answerCallbackQuery(query.id, note ? { text: say(speaker, note).slice(0, 200) } : {});
      const message = query.message;
      if (
        out.reply.answered &&
        message &&
        "text" in message &&
        message.text &&
        incoming.input.kind === "pick"
      ) {
        await api
          .editMessageText(
            message.chat.id,
            message.message_id,
            withTail(message.text, `✓ ${label(speaker, out.reply.answered.label)}`),
            {
              reply_markup: { inline_keyboard: [] },
            },
          )
          .catch((error) => {
            if (!unchanged(error)) throw error;
          });
      }
    }
    if (out.duplicate) return;
    await sendViews(api, incoming.chatId, out.reply.views, speaker, out.nonce);
    onReply?.();
  }

  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use((ctx) => process(ctx.update, ctx.api));
  bot.catch((error) =>
    logger.error("telegram update failed", { update: error.ctx.update.update_id, error: error.error }),
  );

  const courier: Courier = {
    channel: CHANNEL,
    async send(chatId, views, speaker) {
      try {
        return await sendViews(bot.api, chatId, views, speaker, 0);
      } catch (error) {
        if (unreachable(error)) throw new RecipientUnreachable((error as Error).message);
        throw error;
      }
    },
    async edit(chatId, messageId, views, speaker) {
      const text = views
        .map((v) => v.text.map((t) => say(speaker, t)).join("\n"))
        .join("\n\n")
        .slice(0, MAX_TEXT);
      await bot.api
        .editMessageText(chatId, Number(messageId), text, { reply_markup: { inline_keyboard: [] } })
        .catch((error) => {
          if (!unchanged(error)) throw error;
        });
    },
  };

  let polling: RunnerHandle | undefined;

  return {
    bot,
    courier,
    /** Called after each reply is sent (to deliver the notifications an update queued). */
    onReply(callback: () => void) {
      onReply = callback;
    },
    /** getMe, and the command menus in Vietnamese (default) and English. */
    async init(): Promise<string> {
      await bot.init();
      const describe = (language: "vi" | "en") =>
        COMMANDS.map((c) => ({
          command: language === "vi" ? c : ENGLISH[c],
          description: translator.text(language, { key: `commands.${c}` }),
        }));
      await bot.api.setMyCommands(describe("vi"));
      await bot.api.setMyCommands(describe("en"), { language_code: "en" });
      return bot.botInfo.username;
    },
    /** Long polling with @grammyjs/runner: concurrent across chats, in order within a chat. */
    startPolling(): void {
      polling = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query"] } } });
    },
    /** `POST /webhooks/telegram`, checking X-Telegram-Bot-Api-Secret-Token. */
    webhookRoute(secret: string): Route {
      const expected = Buffer.from(secret);
      return {
        method: "POST",
        path: "/webhooks/telegram",
        async handle(request) {
          const given = Buffer.from(String(request.headers["x-telegram-bot-api-secret-token"] ?? ""));
          if (given.length !== expected.length || !timingSafeEqual(given, expected))
            return { status: 401, body: { error: "unauthorized" } };
          let update: Update;
          try {
            update = JSON.parse(request.rawBody.toString("utf8"));
          } catch {
            return { status: 400, body: { error: "bad json" } };
          }
          // Processed before answering: a failure answers 500 and Telegram delivers it again.
          await bot.handleUpdate(update);
          return { status: 200 };
        },
      };
    },
    async setWebhook(url: string, secret: string): Promise<void> {
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ["message", "callback_query"] });
    },
    async stop(): Promise<void> {
      if (polling?.isRunning()) await polling.stop();
    },
  };
}

export type Telegram = ReturnType<typeof createTelegram>;
