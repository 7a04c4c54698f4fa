import { createHash } from "node:crypto";
import type { AxiosInstance } from "axios";
import { type Speaker, say } from "../../application/i18n.ts";
import type { View } from "../../dialogs/view.ts";
import { type ChannelAdapter, type ChannelDeps, downloadUrl, type Ingress, notAnObject } from "../adapter.ts";
import type { Route } from "../http/server.ts";
import { webLinks } from "../web-links.ts";
import { parseJsonKeepingIds } from "../zalo-shared/json.ts";
import { asFollowUp } from "../zalo-shared/render.ts";
import { secretsEqual } from "../zalo-shared/secret.ts";
import { asCourierError, createZaloBotApi, MAX_TEXT, type ZaloBotApi } from "./api.ts";
import { renderReply, renderView } from "./render.ts";
import type { ZaloBotSettings } from "./settings.ts";
import { CHANNEL, deliveryOf, eventOf } from "./updates.ts";

export const WEBHOOK_PATH = "/webhooks/zalo-bot";
export const SECRET_HEADER = "x-bot-api-secret-token";

export interface ZaloBotOptions {
  http?: AxiosInstance;
  /** Show "typing…" while an update is processed; default true. */
  typing?: boolean;
}

export type ZaloBotAdapter = ChannelAdapter & { api: ZaloBotApi };

/**
 * The Zalo Bot Platform channel: its webhook (the secret header checked, each event stored, then
 * acknowledged), the API client, numbered choices in text (the platform has no buttons).
 */
export function createZaloBotAdapter(
  settings: ZaloBotSettings,
  deps: ChannelDeps,
  options: ZaloBotOptions = {},
): ZaloBotAdapter {
  const { translator, flows, logger } = deps;
  const api = createZaloBotApi({ token: settings.token, apiRoot: settings.apiRoot, http: options.http });
  let ingress: Ingress | undefined;

  async function send(chatId: string, texts: string[]): Promise<string | null> {
    let last: string | null = null;
    for (const text of texts) last = (await api.sendMessage(chatId, text)).message_id ?? last;
    return last;
  }

  const web = webLinks(deps.publicUrl);
  async function sendViews(chatId: string, views: View[], speaker: Speaker): Promise<string | null> {
    try {
      return await send(
        chatId,
        views.flatMap((v) => renderView(speaker, v, web)),
      );
    } catch (error) {
      throw asCourierError(error);
    }
  }

  const route: Route = {
    method: "POST",
    path: WEBHOOK_PATH,
    async handle(request) {
      if (!secretsEqual(request.headers[SECRET_HEADER], settings.webhookSecret)) {
        logger.warn("zalo-bot webhook with a wrong secret token refused");
        return { status: 401, body: { ok: false, error: "unauthorized" } };
      }
      let body: unknown;
      try {
        body = parseJsonKeepingIds(request.rawBody.toString("utf8"));
      } catch {
        return { status: 400, body: { ok: false, error: "body is not JSON" } };
      }
      const deliveries = adapter.parse(body);
      if (!deliveries.length) logger.debug("zalo-bot event ignored");
      try {
        if (!eventOf(body)) {
          if (!ingress) throw new Error("zalo-bot: not started");
          const reason = notAnObject(body) ?? "no event_name and message";
          await ingress.reject(adapter, { reason, body: request.rawBody });
        }
        for (const delivery of deliveries) {
          if (!ingress) throw new Error("zalo-bot: not started");
          await ingress.receive(adapter, delivery);
          if (options.typing !== false) api.sendChatAction(delivery.update.chatId).catch(() => {});
        }
      } catch (error) {
        // Not stored: Zalo delivers it again.
        logger.warn("zalo-bot event not stored, asking for it again", { error: (error as Error).message });
        return { status: 503, body: { ok: false, error: "try again" } };
      }
      return { status: 200, body: { ok: true } };
    },
  };

  const adapter: ZaloBotAdapter = {
    channel: CHANNEL,
    // A photo's ref is the URL Zalo gave for it.
    download: (ref) => downloadUrl(ref),
    // The token names the bot; its hash scopes the keys without keeping the token.
    source: `${CHANNEL}:${createHash("sha256").update(settings.token).digest("hex").slice(0, 16)}`,
    limits: { maxText: MAX_TEXT, choices: "numbered", canEdit: false },
    routes: [route],
    api,
    parse(raw) {
      const event = eventOf(raw);
      const delivery = event && deliveryOf(event, flows, deps.clock().getTime());
      return delivery ? [delivery] : [];
    },
    async start(input) {
      ingress = input;
      if (!settings.publicUrl) return;
      const url = `${settings.publicUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
      await api.setWebhook(url, settings.webhookSecret);
      logger.info("zalo-bot webhook registered", { url });
    },
    async stop() {},
    async reply(delivery, output) {
      await send(
        delivery.update.chatId,
        renderReply({ translator, language: output.language }, output.reply),
      );
    },
    async failed(delivery) {
      await send(delivery.update.chatId, [say({ translator, language: "vi" }, { key: "dialog.send_again" })]);
    },
    send: sendViews,
    async edit(chatId, _messageId, views, speaker) {
      // Zalo cannot edit a sent message: the outcome arrives as a short follow-up.
      await sendViews(chatId, views.map(asFollowUp), speaker);
    },
  };
  return adapter;
}
