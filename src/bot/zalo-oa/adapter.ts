import type { AxiosInstance } from "axios";
import { type Speaker, say } from "../../application/i18n.ts";
import type { View } from "../../dialogs/view.ts";
import { type ChannelAdapter, type ChannelDeps, downloadUrl, type Ingress, notAnObject } from "../adapter.ts";
import type { Route } from "../http/server.ts";
import { webLinks } from "../web-links.ts";
import { parseJsonKeepingIds } from "../zalo-shared/json.ts";
import { asFollowUp } from "../zalo-shared/render.ts";
import { createOaApi, MAX_BUTTONS, MAX_TEXT, type OaApi, type OaMessage } from "./api.ts";
import { renderReply, renderView } from "./render.ts";
import type { ZaloOaSettings } from "./settings.ts";
import { verifyOaSignature } from "./signature.ts";
import { createOaTokens, type OaTokens } from "./tokens.ts";
import { actionOf, CHANNEL, eventOf, rawTimestamp } from "./updates.ts";

export const WEBHOOK_PATH = "/webhooks/zalo-oa";
export const SIGNATURE_HEADER = "x-zevent-signature";
/** Events stamped further than this from our clock are refused (a replayed delivery). */
export const EVENT_WINDOW_MS = 30 * 60_000;

export interface ZaloOaOptions {
  http?: AxiosInstance;
  /** Token refresh tuning (tests). */
  tokens?: { marginMs?: number; leaseMs?: number; pollMs?: number; owner?: string };
  eventWindowMs?: number;
}

export type ZaloOaAdapter = ChannelAdapter & { api: OaApi; tokens: OaTokens };

/**
 * The Zalo Official Account channel: its webhook (the signature checked over the raw bytes before
 * anything is parsed, events outside the time window refused, each event stored, then
 * acknowledged), the API client with the OA's shared token, up to five buttons per message.
 */
export function createZaloOaAdapter(
  settings: ZaloOaSettings,
  deps: ChannelDeps,
  options: ZaloOaOptions = {},
): ZaloOaAdapter {
  const { translator, flows, logger, store, clock } = deps;
  const tokens = createOaTokens({
    repo: store.tokens,
    appId: settings.appId,
    appSecret: settings.appSecret,
    oauthRoot: settings.oauthRoot,
    seed: {
      refreshToken: settings.refreshToken,
      ...(settings.accessToken ? { accessToken: settings.accessToken } : {}),
    },
    logger,
    clock,
    ...(options.http ? { http: options.http } : {}),
    ...options.tokens,
  });
  const api = createOaApi({
    apiRoot: settings.apiRoot,
    tokens,
    logger,
    clock,
    ...(options.http ? { http: options.http } : {}),
  });
  const windowMs = options.eventWindowMs ?? EVENT_WINDOW_MS;
  let ingress: Ingress | undefined;

  async function send(userId: string, messages: OaMessage[]): Promise<string | null> {
    let last: string | null = null;
    for (const message of messages) last = (await api.sendMessage(userId, message)) ?? last;
    return last;
  }

  const route: Route = {
    method: "POST",
    path: WEBHOOK_PATH,
    async handle(request) {
      const timestamp = rawTimestamp(request.rawBody);
      const signed = verifyOaSignature(request.headers[SIGNATURE_HEADER], {
        appId: settings.appId,
        rawBody: request.rawBody,
        timestamp,
        secretKey: settings.secretKey,
      });
      if (!signed) {
        logger.warn("zalo-oa webhook with a bad signature refused");
        return { status: 401, body: { error: "bad signature" } };
      }
      if (Math.abs(clock().getTime() - Number(timestamp)) > windowMs) {
        logger.warn("zalo-oa event outside the time window refused");
        return { status: 401, body: { error: "stale event" } };
      }
      let body: unknown;
      try {
        body = parseJsonKeepingIds(request.rawBody.toString("utf8"));
      } catch {
        return { status: 400, body: { error: "body is not JSON" } };
      }
      const event = eventOf(body);
      const action = event
        ? actionOf(event, flows, clock().getTime())
        : ({ kind: "ignore", why: "unreadable" } as const);
      try {
        if (!event) {
          if (!ingress) throw new Error("zalo-oa: not started");
          const reason = notAnObject(body) ?? "no event_name";
          await ingress.reject(adapter, { reason, body: request.rawBody });
        } else if (action.kind === "dialog")
          for (const delivery of action.deliveries) {
            if (!ingress) throw new Error("zalo-oa: not started");
            await ingress.receive(adapter, delivery);
          }
        // No more messages to someone who left the OA; writing again (or following) undoes it.
        else if (action.kind === "unfollow")
          await store.people.setUndeliverable(CHANNEL, action.userId, true);
        else
          logger.debug("zalo-oa event ignored", {
            event: event?.event_name ?? "unreadable",
            why: action.why,
          });
      } catch (error) {
        // Not stored: Zalo delivers it again.
        logger.warn("zalo-oa event not stored, asking for it again", { error: (error as Error).message });
        return { status: 503, body: { error: "try again" } };
      }
      return { status: 200, body: { ok: true } };
    },
  };

  const web = webLinks(deps.publicUrl);
  const sendViews = (chatId: string, views: View[], speaker: Speaker) =>
    // Notifications carry action buttons, never a prompt's choices: no nonce to match.
    send(
      chatId,
      views.flatMap((v) => renderView(speaker, v, 0, web)),
    );

  const adapter: ZaloOaAdapter = {
    channel: CHANNEL,
    // An image's or a file's ref is the URL Zalo gave for it.
    download: (ref) => downloadUrl(ref),
    source: `${CHANNEL}:${settings.appId}`,
    limits: { maxText: MAX_TEXT, choices: "buttons", maxButtons: MAX_BUTTONS, canEdit: false },
    routes: [route],
    api,
    tokens,
    parse(raw) {
      const event = eventOf(raw);
      const action = event ? actionOf(event, flows, clock().getTime()) : null;
      return action?.kind === "dialog" ? action.deliveries : [];
    },
    async start(input) {
      ingress = input;
      // Stores the configured tokens in an empty database (and checks the database answers).
      await tokens.init();
      logger.info("zalo-oa ready");
    },
    async stop() {},
    async reply(delivery, output) {
      const speaker = { translator, language: output.language };
      await send(
        delivery.update.chatId,
        renderReply(speaker, output.reply, output.nonce, delivery.update.input.kind === "pick"),
      );
    },
    async failed(delivery) {
      await send(delivery.update.chatId, [
        { text: say({ translator, language: "vi" }, { key: "dialog.send_again" }) },
      ]);
    },
    send: sendViews,
    async edit(chatId, _messageId, views, speaker) {
      // Zalo cannot edit a sent message: the outcome arrives as a short follow-up.
      await sendViews(chatId, views.map(asFollowUp), speaker);
    },
  };
  return adapter;
}
