import type { App } from "./app.ts";
import { StartupError } from "./app.ts";
import type { Courier } from "./bot/courier.ts";
import { createDispatcher } from "./bot/dispatcher.ts";
import { type Route, startHttpServer } from "./bot/http/server.ts";
import { RateLimiter } from "./bot/rate-limiter.ts";
import { createTelegram } from "./bot/telegram/bot.ts";
import { createZaloBotChannel } from "./bot/zalo-bot/index.ts";
import { createZaloOaChannel } from "./bot/zalo-oa/index.ts";
import { queueNudges } from "./dialogs/services/nudges.ts";

/** The channels this environment configures, built but not started. */
function channels(app: App) {
  const { config, logger, runner, translator } = app;
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegram({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        runner,
        translator,
        logger,
      })
    : undefined;
  const zaloBot = config.ZALO_BOT_TOKEN
    ? createZaloBotChannel({
        token: config.ZALO_BOT_TOKEN,
        apiRoot: config.ZALO_BOT_API_ROOT,
        webhookSecret: config.ZALO_BOT_WEBHOOK_SECRET!,
        ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
        runner,
        translator,
        logger,
      })
    : undefined;
  const zaloOa = config.ZALO_OA_APP_ID
    ? createZaloOaChannel({
        appId: config.ZALO_OA_APP_ID,
        secretKey: config.ZALO_OA_SECRET_KEY!,
        appSecret: config.ZALO_OA_APP_SECRET!,
        ...(config.ZALO_OA_ACCESS_TOKEN ? { accessToken: config.ZALO_OA_ACCESS_TOKEN } : {}),
        refreshToken: config.ZALO_OA_REFRESH_TOKEN!,
        apiRoot: config.ZALO_OA_API_ROOT,
        oauthRoot: config.ZALO_OAUTH_ROOT,
        store: app.store,
        runner,
        translator,
        logger,
        clock: app.clock,
      })
    : undefined;
  return { telegram, zaloBot, zaloOa };
}

/** Couriers for the channels this environment configures, for delivering without serving. */
export function channelCouriers(app: App): Courier[] {
  const { telegram, zaloBot, zaloOa } = channels(app);
  return [telegram?.courier, zaloBot?.courier, zaloOa?.courier].filter((c): c is Courier => c !== undefined);
}

/** The notifications dispatcher of the app, over the given channels, with the process's limiter. */
export function appDispatcher(app: App, couriers: Courier[]) {
  return createDispatcher({
    store: app.store,
    couriers,
    translator: app.translator,
    rulebook: app.rulebook,
    tree: app.tree,
    limiter: new RateLimiter(),
    clock: app.clock,
    logger: app.logger,
  });
}

const SCHEDULER_MS = 60_000;

/**
 * Serving the configured channels: the HTTP server (webhooks, /healthz, /readyz), Telegram in
 * polling or webhook mode, Zalo by webhooks, the notifications dispatcher and the nudge
 * scheduler. Returns a function that stops it all.
 */
export async function serve(app: App): Promise<() => Promise<void>> {
  const { config, logger } = app;
  const couriers: Courier[] = [];
  const routes: Route[] = [];
  const stops: (() => Promise<void>)[] = [];
  const { telegram, zaloBot, zaloOa } = channels(app);

  if (telegram) {
    const username = await telegram.init().catch((error: Error) => {
      throw new StartupError(
        `TELEGRAM_BOT_TOKEN: cannot reach the Bot API at ${config.TELEGRAM_API_ROOT}: ${error.message}`,
      );
    });
    logger.info("telegram ready", { bot: username, mode: config.TELEGRAM_MODE });
    couriers.push(telegram.courier);
    if (config.TELEGRAM_MODE === "webhook")
      routes.push(telegram.webhookRoute(config.TELEGRAM_WEBHOOK_SECRET!));
    stops.push(() => telegram.stop());
  }
  for (const zalo of [zaloBot, zaloOa]) {
    if (!zalo) continue;
    routes.push(zalo.route);
    couriers.push(zalo.courier);
    stops.push(() => zalo.idle());
  }

  const dispatcher = appDispatcher(app, couriers);
  app.onCommit(() => dispatcher.kick());
  dispatcher.start();
  stops.push(() => dispatcher.stop());

  // The deadline nudges, every minute (and once now).
  const schedule = async () => {
    try {
      if ((await queueNudges(app.store, app.rulebook, app.clock())) > 0) dispatcher.kick();
    } catch (error) {
      logger.error("nudge scheduling failed", { error });
    }
  };
  void schedule();
  const scheduler = setInterval(schedule, SCHEDULER_MS);
  scheduler.unref();
  stops.push(async () => clearInterval(scheduler));

  const server = await startHttpServer({
    host: config.HTTP_HOST,
    port: config.HTTP_PORT,
    routes,
    ready: async () => (await app.store.org.count()) > 0,
    logger,
  });
  logger.info("http server listening", { url: server.url });
  stops.push(() => server.close());

  await zaloBot?.start();
  await zaloOa?.start();
  if (zaloBot || zaloOa) logger.info("zalo ready", { bot: Boolean(zaloBot), oa: Boolean(zaloOa) });
  if (telegram && config.TELEGRAM_MODE === "webhook" && config.PUBLIC_URL) {
    await telegram.setWebhook(
      `${config.PUBLIC_URL.replace(/\/+$/, "")}/webhooks/telegram`,
      config.TELEGRAM_WEBHOOK_SECRET!,
    );
  }
  if (telegram && config.TELEGRAM_MODE === "polling") {
    await telegram.bot.api.deleteWebhook();
    telegram.startPolling();
  }
  return async () => {
    for (const stop of stops.reverse())
      await stop().catch((error) => logger.warn("stopping failed", { error }));
  };
}
