// (a) DVK Bot itself: the app as src/app.ts wires it (store, org tree, runner) with the Telegram
// adapter and the notifications dispatcher kicked after every commit, as src/serve.ts runs them;
// only the Bot API is fake. Users register through `bot.handleUpdate`.
import { clockFrom, createApp } from "../src/app.ts";
import { createDispatcher } from "../src/bot/dispatcher.ts";
import { RateLimiter } from "../src/bot/rate-limiter.ts";
import { createTelegram } from "../src/bot/telegram/bot.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import type { BenchDatabase } from "./databases.ts";
import { BOT_TOKEN, FakeTelegramApi } from "./fake-api.ts";
import { type DriveResult, drive } from "./harness.ts";
import { registrationScript } from "./script.ts";

export interface ChatRun extends DriveResult {
  dbBytes: number;
  /** Users whose registration ended as the scenario expects (a submitted registration…). */
  completed: number;
  calls: Record<string, number>;
}

export interface Load {
  users: number;
  concurrency: number;
}

/** The moment the simulated users register: inside the 2026 registration window. */
export const BENCH_NOW = "2026-03-10T09:00:00+07:00";

export async function runRegistration(db: BenchDatabase, load: Load): Promise<ChatRun> {
  const logger = createLogger("warn");
  const config = loadConfig({
    DATABASE_URL: db.url,
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    // Never contacted: the fake answers every call before a request is built.
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    LOG_LEVEL: "warn",
  });
  const app = await createApp(config, logger, clockFrom({ DVK_NOW: BENCH_NOW }));
  const api = new FakeTelegramApi();
  const telegram = createTelegram({
    token: BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    runner: app.runner,
    translator: app.translator,
    logger,
  });
  telegram.bot.api.config.use(api.transformer);
  const dispatcher = createDispatcher({
    store: app.store,
    couriers: [telegram.courier],
    translator: app.translator,
    rulebook: app.rulebook,
    tree: app.tree,
    limiter: new RateLimiter(),
    clock: app.clock,
    logger,
  });
  app.onCommit(() => dispatcher.kick());
  try {
    await telegram.init();
    const result = await drive({
      bot: telegram.bot,
      api,
      ...load,
      script: registrationScript,
      strictButtons: true,
    });
    await dispatcher.stop();
    const completed = (await app.store.submissions.list({ status: "submitted" })).length;
    return { ...result, dbBytes: await db.size(), completed, calls: api.calls() };
  } finally {
    await dispatcher.stop();
    await app.close();
  }
}
