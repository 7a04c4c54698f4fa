import { timingSafeEqual } from "node:crypto";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, GrammyError, InputFile } from "grammy";
import type { Update } from "grammy/types";
import { RecipientUnreachable } from "../../application/delivery/courier.ts";
import { label, type Speaker, say } from "../../application/i18n.ts";
import type { View } from "../../dialogs/view.ts";
import {
  type ChannelAdapter,
  type ChannelDeps,
  type Delivery,
  downloadUrl,
  type Ingress,
} from "../adapter.ts";
import type { Route } from "../http/server.ts";
import { webLinks } from "../web-links.ts";
import { MAX_TEXT, renderView } from "./render.ts";
import type { TelegramSettings } from "./settings.ts";
import { CHANNEL, deliveryOf, notAnUpdate } from "./updates.ts";

/**
 * The Telegram channel: the Bot API through grammY's Api (429 and 5xx retried by auto-retry),
 * updates by long polling or by webhook, views as messages with inline keyboards.
 */
export interface TelegramOptions {
  /** How long a Bot API call may take before it fails; default 30 s. */
  timeoutSeconds?: number;
}

export const WEBHOOK_PATH = "/webhooks/telegram";
const ALLOWED_UPDATES = ["message", "callback_query"] as const;
const POLL_TIMEOUT_S = 30;

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

function withTail(text: string, tail: string): string {
  const room = MAX_TEXT - tail.length - 2;
  return `${text.length > room ? `${text.slice(0, room - 1)}…` : text}\n\n${tail}`;
}

export type TelegramAdapter = ChannelAdapter & {
  /** The Bot API client (tests and the benchmark install transformers on it). */
  api: Api;
  /** getMe's username, once started. */
  username(): string | undefined;
};

export function createTelegramAdapter(
  settings: TelegramSettings,
  deps: ChannelDeps,
  options: TelegramOptions = {},
): TelegramAdapter {
  const { translator, flows, logger } = deps;
  const api = new Api(settings.token, {
    apiRoot: settings.apiRoot,
    timeoutSeconds: options.timeoutSeconds ?? POLL_TIMEOUT_S + 10,
  });
  api.config.use(autoRetry({ maxRetryAttempts: 6, maxDelaySeconds: 300 }));
  const vi: Speaker = { translator, language: "vi" };
  let ingress: Ingress | undefined;
  let username = settings.username;
  let polling: { stop: AbortController; done: Promise<void> } | undefined;
  const web = webLinks(deps.publicUrl);
  /** Chats whose menu button opens the workspace (set once per process). */
  const menus = new Set<string>();

  /**
   * The menu button of an officer's or committee member's chat opens the workspace as a Mini App
   * (Telegram takes web apps only over https); everyone else keeps the commands menu.
   */
  async function workspaceMenu(chatId: string, speaker: Speaker): Promise<void> {
    if (!web?.https || menus.has(chatId)) return;
    menus.add(chatId);
    await api
      .setChatMenuButton({
        chat_id: Number(chatId),
        menu_button: {
          type: "web_app",
          text: translator.text(speaker.language, { key: "web.menu_button" }),
          web_app: { url: web.miniApp("/queue") },
        },
      })
      .catch((error) => {
        menus.delete(chatId);
        logger.warn("telegram menu button not set", { error: (error as Error).message });
      });
  }

  /** At start: the menu button of every member already on Telegram. */
  async function workspaceMenus(): Promise<void> {
    if (!web?.https) return;
    const people = new Set(
      (await deps.store.memberships.list()).filter((m) => m.role !== "admin").map((m) => m.personId),
    );
    for (const personId of people) {
      const person = await deps.store.people.get(personId);
      for (const identity of await deps.store.people.identities(personId))
        if (identity.channel === CHANNEL)
          await workspaceMenu(identity.chatId, { translator, language: person?.language ?? "vi" });
    }
  }

  async function sendViews(
    chatId: string,
    views: View[],
    speaker: Speaker,
    nonce: number,
  ): Promise<string | null> {
    let last: string | null = null;
    for (const view of views) {
      for (const message of renderView(speaker, view, nonce, web)) {
        const sent = await api.sendMessage(
          chatId,
          message.text,
          message.keyboard ? { reply_markup: message.keyboard } : {},
        );
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

  /** A press is answered every time it arrives (Telegram shows a spinner until it is). */
  async function answerQuietly(raw: Update, text?: string): Promise<void> {
    const query = raw.callback_query;
    if (query) await api.answerCallbackQuery(query.id, text ? { text } : {}).catch(() => {});
  }

  /** Hands an update to the pipeline; throws when it could not be stored (deliver it again). */
  async function take(raw: Update): Promise<void> {
    const [delivery] = adapter.parse(raw);
    // Forged or foreign callback data: answered, nothing done.
    if (!delivery) return answerQuietly(raw, say(vi, { key: "dialog.stale" }));
    if (!ingress) throw new Error("telegram: not started");
    const { fresh } = await ingress.receive(adapter, delivery);
    if (!fresh) await answerQuietly(raw);
  }

  /** Long polling: the offset moves past an update only once it is stored. */
  async function poll(stop: AbortSignal): Promise<void> {
    let offset = 0;
    let failures = 0;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    while (!stop.aborted) {
      let updates: Update[];
      try {
        updates = await api.getUpdates(
          { offset, timeout: POLL_TIMEOUT_S, allowed_updates: [...ALLOWED_UPDATES] },
          // grammY types its signal with the abort-controller polyfill's class; Node's is the same thing.
          stop as Parameters<Api["getUpdates"]>[1],
        );
        failures = 0;
      } catch (error) {
        if (stop.aborted) return;
        failures++;
        logger.warn("telegram getUpdates failed", { try: failures, error: (error as Error).message });
        await pause(Math.min(1000 * 2 ** (failures - 1), 30_000));
        continue;
      }
      for (const update of updates) {
        // Kept until stored, in order: nothing is acknowledged that could still be lost.
        for (let tries = 1; !stop.aborted; tries++) {
          try {
            await take(update);
            break;
          } catch (error) {
            // Storing already waits for a busy database; a short pause, then again, as long as it takes.
            logger.warn("telegram update not stored yet", { try: tries, error: (error as Error).message });
            await pause(Math.min(250 * tries, 2_000));
          }
        }
        if (stop.aborted) return;
        offset = update.update_id + 1;
      }
    }
  }

  const expectedSecret = settings.ingress.mode === "webhook" ? Buffer.from(settings.ingress.secret) : null;
  const routes: Route[] = expectedSecret
    ? [
        {
          method: "POST",
          path: WEBHOOK_PATH,
          async handle(request) {
            const given = Buffer.from(String(request.headers["x-telegram-bot-api-secret-token"] ?? ""));
            if (given.length !== expectedSecret.length || !timingSafeEqual(given, expectedSecret))
              return { status: 401, body: { error: "unauthorized" } };
            let update: Update;
            try {
              update = JSON.parse(request.rawBody.toString("utf8"));
            } catch {
              return { status: 400, body: { error: "bad json" } };
            }
            const notUpdate = notAnUpdate(update);
            try {
              if (notUpdate) {
                if (!ingress) throw new Error("telegram: not started");
                await ingress.reject(adapter, { reason: notUpdate, body: request.rawBody });
              } else await take(update);
            } catch (error) {
              // Not stored: Telegram delivers it again later.
              logger.warn("telegram update not stored, asking for it again", {
                error: (error as Error).message,
              });
              return { status: 503, body: { error: "try again" } };
            }
            return { status: 200 };
          },
        },
      ]
    : [];

  const adapter: TelegramAdapter = {
    channel: CHANNEL,
    source: `${CHANNEL}:${settings.token.split(":")[0]}`,
    limits: { maxText: MAX_TEXT, choices: "buttons", canEdit: true },
    routes,
    api,
    username: () => username,
    parse(raw) {
      const delivery = deliveryOf(raw as Update, flows);
      return delivery ? [delivery] : [];
    },
    async start(input) {
      ingress = input;
      const me = await api.getMe();
      username = settings.username ?? me.username;
      const describe = (language: "vi" | "en") =>
        flows.menu.map((c) => ({
          command: language === "vi" ? c.words[0] : c.words[1],
          description: translator.text(language, { key: `commands.${c.name}` }),
        }));
      await api.setMyCommands(describe("vi"));
      await api.setMyCommands(describe("en"), { language_code: "en" });
      await workspaceMenus().catch((error) => logger.warn("telegram menu buttons not set", { error }));
      if (settings.ingress.mode === "webhook") {
        if (settings.publicUrl)
          await api.setWebhook(`${settings.publicUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`, {
            secret_token: settings.ingress.secret,
            allowed_updates: [...ALLOWED_UPDATES],
          });
      } else {
        await api.deleteWebhook();
        const stop = new AbortController();
        polling = { stop, done: poll(stop.signal) };
      }
      logger.info("telegram ready", { bot: username, mode: settings.ingress.mode });
    },
    async stop() {
      polling?.stop.abort();
      await polling?.done;
    },
    async reply(delivery: Delivery, output) {
      const speaker = { translator, language: output.language };
      const meta = delivery.meta;
      if (meta?.callbackQueryId !== undefined) {
        const note = output.reply.stale ? { key: "dialog.stale" } : output.reply.notice;
        await api.answerCallbackQuery(
          String(meta.callbackQueryId),
          note ? { text: say(speaker, note).slice(0, 200) } : {},
        );
        if (
          output.reply.answered &&
          delivery.update.input.kind === "pick" &&
          meta.messageId &&
          meta.messageText
        )
          await api
            .editMessageText(
              delivery.update.chatId,
              Number(meta.messageId),
              withTail(String(meta.messageText), `✓ ${label(speaker, output.reply.answered.label)}`),
              { reply_markup: { inline_keyboard: [] } },
            )
            .catch((error) => {
              if (!unchanged(error)) throw error;
            });
      }
      await sendViews(delivery.update.chatId, output.reply.views, speaker, output.nonce);
    },
    async failed(delivery) {
      const text = say(vi, { key: "dialog.send_again" });
      if (delivery.meta?.callbackQueryId !== undefined)
        await api.answerCallbackQuery(String(delivery.meta.callbackQueryId), { text }).catch(() => {});
      await api.sendMessage(delivery.update.chatId, text);
    },
    async send(chatId, views, speaker) {
      // An arrival or a nudge reaches a member: their menu opens the workspace from now on.
      if (views.some((v) => v.web)) await workspaceMenu(chatId, speaker);
      try {
        return await sendViews(chatId, views, speaker, 0);
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
      await api
        .editMessageText(chatId, Number(messageId), text, { reply_markup: { inline_keyboard: [] } })
        .catch((error) => {
          if (!unchanged(error)) throw error;
        });
    },
    async inviteLink(code) {
      username ??= (await api.getMe()).username;
      return `https://t.me/${username}?start=${code}`;
    },
    async download(ref) {
      const file = await api.getFile(ref).catch(() => null);
      if (!file?.file_path) return null;
      // The token is in the file's URL: fetched here, never shown to anyone.
      return downloadUrl(
        `${settings.apiRoot.replace(/\/+$/, "")}/file/bot${settings.token}/${file.file_path}`,
      );
    },
  };
  return adapter;
}
