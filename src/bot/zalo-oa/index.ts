import type { AxiosInstance } from "axios";
import type { IncomingUpdate, Runner } from "../../dialogs/runner.ts";
import type { Store } from "../../domain/ports.ts";
import type { Translator } from "../../i18n.ts";
import type { Logger } from "../../logger.ts";
import type { Courier } from "../courier.ts";
import type { Route } from "../http/server.ts";
import { say } from "../text.ts";
import { ChatQueue } from "../zalo-shared/chat-queue.ts";
import { parseJsonKeepingIds } from "../zalo-shared/json.ts";
import { createOaApi, type OaApi, type OaMessage } from "./api.ts";
import { zaloOaCourier } from "./courier.ts";
import { renderReply } from "./render.ts";
import { verifyOaSignature } from "./signature.ts";
import { createOaTokens, type OaTokens } from "./tokens.ts";
import { actionOf, CHANNEL, eventOf, timestampOf } from "./updates.ts";

export { CHANNEL } from "./updates.ts";

export const WEBHOOK_PATH = "/webhooks/zalo-oa";
export const SIGNATURE_HEADER = "x-zevent-signature";

export interface ZaloOaChannelOptions {
  /** ZALO_OA_APP_ID. */
  appId: string;
  /** ZALO_OA_SECRET_KEY: signs the webhook. */
  secretKey: string;
  /** ZALO_OA_APP_SECRET: authenticates token refreshes. */
  appSecret: string;
  /** ZALO_OA_ACCESS_TOKEN (optional) and ZALO_OA_REFRESH_TOKEN: seed an empty database. */
  accessToken?: string;
  refreshToken: string;
  /** ZALO_OA_API_ROOT and ZALO_OAUTH_ROOT. */
  apiRoot: string;
  oauthRoot: string;
  store: Pick<Store, "tokens" | "people">;
  runner: Pick<Runner, "handle">;
  translator: Translator;
  logger: Logger;
  http?: AxiosInstance;
  clock?: () => Date;
  /** Token refresh tuning (tests). */
  tokens?: { marginMs?: number; leaseMs?: number; pollMs?: number; owner?: string };
}

/**
 * The Zalo Official Account channel: its webhook route (signature checked over the raw bytes,
 * acknowledged at once, processed after in order per person), the API client with its shared
 * token, and the courier for notifications.
 */
export function createZaloOaChannel(options: ZaloOaChannelOptions) {
  const { runner, translator, logger, store } = options;
  const tokens: OaTokens = createOaTokens({
    repo: store.tokens,
    appId: options.appId,
    appSecret: options.appSecret,
    oauthRoot: options.oauthRoot,
    seed: {
      refreshToken: options.refreshToken,
      ...(options.accessToken ? { accessToken: options.accessToken } : {}),
    },
    logger,
    ...(options.http ? { http: options.http } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.tokens,
  });
  const api: OaApi = createOaApi({
    apiRoot: options.apiRoot,
    tokens,
    logger,
    ...(options.http ? { http: options.http } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const queue = new ChatQueue((error) =>
    logger.error("zalo-oa event failed", { error: (error as Error).message }),
  );

  async function send(userId: string, messages: OaMessage[]): Promise<void> {
    for (const message of messages) await api.sendMessage(userId, message);
  }

  async function process(update: IncomingUpdate): Promise<void> {
    let output: Awaited<ReturnType<Runner["handle"]>>;
    try {
      output = await runner.handle(update);
    } catch (error) {
      logger.error("zalo-oa update could not be handled", { error: (error as Error).message });
      await send(update.chatId, [{ text: say({ translator, language: "vi" }, { key: "dialog.failed" }) }]);
      return;
    }
    if (output.duplicate) return;
    const speaker = { translator, language: output.language };
    await send(update.chatId, renderReply(speaker, output.reply, output.nonce, update.input.kind === "pick"));
  }

  const route: Route = {
    method: "POST",
    path: WEBHOOK_PATH,
    async handle(request) {
      let body: unknown;
      try {
        body = parseJsonKeepingIds(request.rawBody.toString("utf8"));
      } catch {
        body = undefined;
      }
      const signed = verifyOaSignature(request.headers[SIGNATURE_HEADER], {
        appId: options.appId,
        rawBody: request.rawBody,
        timestamp: timestampOf(body),
        secretKey: options.secretKey,
      });
      if (!signed) {
        logger.warn("zalo-oa webhook with a bad signature refused");
        return { status: 401, body: { error: "bad signature" } };
      }
      const event = eventOf(body);
      const action = event ? actionOf(event) : ({ kind: "ignore", why: "unreadable" } as const);
      switch (action.kind) {
        case "dialog":
          for (const update of action.updates) queue.push(action.userId, () => process(update));
          break;
        case "unfollow":
          // No more messages to someone who left the OA; writing again (or following) undoes it.
          queue.push(action.userId, () => store.people.setUndeliverable(CHANNEL, action.userId, true));
          break;
        case "ignore":
          logger.debug("zalo-oa event ignored", {
            event: event?.event_name ?? "unreadable",
            why: action.why,
          });
      }
      return { status: 200, body: { ok: true } };
    },
  };

  const courier: Courier = zaloOaCourier(api);

  return {
    channel: CHANNEL,
    api,
    tokens,
    route,
    courier,
    /** Stores the configured tokens in an empty database (and checks the database answers). */
    start: () => tokens.init(),
    /** Resolves when every event received so far has been processed (tests, shutdown). */
    idle: () => queue.idle(),
  };
}

export type ZaloOaChannel = ReturnType<typeof createZaloOaChannel>;
