import type { AxiosInstance } from "axios";
import type { IncomingUpdate, Runner } from "../../dialogs/runner.ts";
import type { Translator } from "../../i18n.ts";
import type { Logger } from "../../logger.ts";
import type { Courier } from "../courier.ts";
import type { Route } from "../http/server.ts";
import { say } from "../text.ts";
import { ChatQueue } from "../zalo-shared/chat-queue.ts";
import { parseJsonKeepingIds } from "../zalo-shared/json.ts";
import { secretsEqual } from "../zalo-shared/secret.ts";
import { createZaloBotApi, type ZaloBotApi } from "./api.ts";
import { zaloBotCourier } from "./courier.ts";
import { renderReply } from "./render.ts";
import { CHANNEL, eventOf, incomingOf } from "./updates.ts";

export { CHANNEL } from "./updates.ts";

export const WEBHOOK_PATH = "/webhooks/zalo-bot";
export const SECRET_HEADER = "x-bot-api-secret-token";

export interface ZaloBotChannelOptions {
  token: string;
  /** ZALO_BOT_API_ROOT. */
  apiRoot: string;
  /** ZALO_BOT_WEBHOOK_SECRET: sent by Zalo in X-Bot-Api-Secret-Token (8–256 characters). */
  webhookSecret: string;
  /** PUBLIC_URL: when set, start() registers `${publicUrl}/webhooks/zalo-bot` with Zalo. */
  publicUrl?: string;
  runner: Pick<Runner, "handle">;
  translator: Translator;
  logger: Logger;
  http?: AxiosInstance;
  /** Show "typing…" while an update is processed; default true. */
  typing?: boolean;
}

/**
 * The Zalo Bot Platform channel: its webhook route (acknowledged at once, processed after, in
 * order per chat), the API client, and the courier for notifications.
 */
export function createZaloBotChannel(options: ZaloBotChannelOptions) {
  const { runner, translator, logger } = options;
  const api: ZaloBotApi = createZaloBotApi({
    token: options.token,
    apiRoot: options.apiRoot,
    http: options.http,
  });
  const queue = new ChatQueue((error) =>
    logger.error("zalo-bot update failed", { error: (error as Error).message }),
  );

  async function send(chatId: string, texts: string[]): Promise<void> {
    for (const text of texts) await api.sendMessage(chatId, text);
  }

  async function process(update: IncomingUpdate): Promise<void> {
    if (options.typing !== false) api.sendChatAction(update.chatId).catch(() => {});
    let output: Awaited<ReturnType<Runner["handle"]>>;
    try {
      output = await runner.handle(update);
    } catch (error) {
      logger.error("zalo-bot update could not be handled", { error: (error as Error).message });
      await send(update.chatId, [say({ translator, language: "vi" }, { key: "dialog.failed" })]);
      return;
    }
    if (output.duplicate) return;
    await send(update.chatId, renderReply({ translator, language: output.language }, output.reply));
  }

  const route: Route = {
    method: "POST",
    path: WEBHOOK_PATH,
    async handle(request) {
      if (!secretsEqual(request.headers[SECRET_HEADER], options.webhookSecret)) {
        logger.warn("zalo-bot webhook with a wrong secret token refused");
        return { status: 401, body: { ok: false, error: "unauthorized" } };
      }
      let body: unknown;
      try {
        body = parseJsonKeepingIds(request.rawBody.toString("utf8"));
      } catch {
        return { status: 400, body: { ok: false, error: "body is not JSON" } };
      }
      const event = eventOf(body);
      const update = event && incomingOf(event);
      if (update) queue.push(update.chatId, () => process(update));
      else logger.debug("zalo-bot event ignored", { event: event?.event_name ?? "unreadable" });
      return { status: 200, body: { ok: true } };
    },
  };

  const courier: Courier = zaloBotCourier(api);

  return {
    channel: CHANNEL,
    api,
    route,
    courier,
    /** Registers the webhook with Zalo when a public URL is configured. */
    async start(): Promise<void> {
      if (!options.publicUrl) return;
      const url = `${options.publicUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
      await api.setWebhook(url, options.webhookSecret);
      logger.info("zalo-bot webhook registered", { url });
    },
    /** Resolves when every update received so far has been processed (tests, shutdown). */
    idle: () => queue.idle(),
  };
}

export type ZaloBotChannel = ReturnType<typeof createZaloBotChannel>;
