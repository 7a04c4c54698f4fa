import type { App } from "./app.ts";
import { StartupError } from "./app.ts";
import type { Courier } from "./bot/courier.ts";
import { createDispatcher } from "./bot/dispatcher.ts";
import { type Route, startHttpServer } from "./bot/http/server.ts";
import { RateLimiter } from "./bot/rate-limiter.ts";
import { createTelegram } from "./bot/telegram/bot.ts";
import { queueNudges } from "./dialogs/services/nudges.ts";

/** Couriers for the channels this environment configures, for delivering without serving. */
export function channelCouriers(app: App): Courier[] {
  const { config } = app;
  if (!config.TELEGRAM_BOT_TOKEN) return [];
  const telegram = createTelegram({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    runner: app.runner,
    translator: app.translator,
    logger: app.logger,
  });
  return [telegram.courier];
}

const SCHEDULER_MS = 60_000;

/**
 * Serving the configured channels: the HTTP server (webhooks, /healthz, /readyz), Telegram in
 * polling or webhook mode, the notifications dispatcher. Returns a function that stops it all.
 */
export async function serve(app: App): Promise<() => Promise<void>> {
  const { config, logger } = app;
  const couriers: Courier[] = [];
  const routes: Route[] = [];
  const stops: (() => Promise<void>)[] = [];

  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegram({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        runner: app.runner,
        translator: app.translator,
        logger,
      })
    : undefined;
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

  const dispatcher = createDispatcher({
    store: app.store,
    couriers,
    translator: app.translator,
    rulebook: app.rulebook,
    tree: app.tree,
    limiter: new RateLimiter(),
    clock: app.clock,
    logger,
  });
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
