// (a) DVK Bot itself: the app as src/app.ts wires it (store, org tree, runner) with the Telegram
// adapter and the notifications dispatcher kicked after every commit, as src/serve.ts runs them;
// only the Bot API is fake. Users register through `bot.handleUpdate`.
import { clockFrom, createApp } from "../src/app.ts";
import { createLogger } from "../src/application/logger.ts";
import { createPipeline } from "../src/bot/pipeline.ts";
import { createTelegramAdapter } from "../src/bot/telegram/adapter.ts";
import { telegramSettings } from "../src/bot/telegram/settings.ts";
import { loadConfig } from "../src/config.ts";
import { appDispatcher } from "../src/serve.ts";
import { BENCH_DATA_KEY, type BenchDatabase } from "./databases.ts";
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

/** The per-person limit the simulated users get: well above their pace, so that none is refused. */
export const BENCH_RATE_LIMIT = { perSecond: 1000, burst: 1000 };

export async function runRegistration(db: BenchDatabase, load: Load): Promise<ChatRun> {
  const logger = createLogger("warn");
  const config = loadConfig({ DATABASE_URL: db.url, DATA_ENCRYPTION_KEY: BENCH_DATA_KEY, LOG_LEVEL: "warn" });
  const app = await createApp(config, logger, { clock: clockFrom({ DVK_NOW: BENCH_NOW }) });
  const api = new FakeTelegramApi();
  // Webhook mode without a PUBLIC_URL: nothing polls, updates come in as a webhook hands them over.
  const settings = telegramSettings.parse({
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    // Never contacted: the fake answers every call before a request is built.
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_SECRET: "bench-secret-bench-secret-bench-secret",
  });
  const telegram = createTelegramAdapter(settings, {
    store: app.store,
    translator: app.translator,
    flows: app.flows,
    logger,
    clock: app.clock,
  });
  telegram.api.config.use(api.transformer);
  const dispatcher = appDispatcher(app, [telegram]);
  const pipeline = createPipeline({
    store: app.store,
    runner: app.runner,
    logger,
    // The incoming rate limit is on the path as in production (src/serve.ts), raised for the
    // simulated users, who answer far faster than people type (1/s, bursts of 10, by default).
    rateLimit: BENCH_RATE_LIMIT,
    afterCommit: () => dispatcher.kick(),
  });
  pipeline.attach(telegram);
  /** The webhook's path without the HTTP: parsed, stored, processed, answered. */
  const bot = {
    async handleUpdate(update: Parameters<typeof telegram.parse>[0]) {
      for (const delivery of telegram.parse(update)) {
        const chatId = delivery.update.chatId;
        const sent = api.sentTo(Number(chatId));
        await (await pipeline.receive(telegram, delivery)).processed;
        // A delivery the database could not take at once (the machine too busy, say) waits for
        // its retry: the user waits for it too. Answered, it was done (every step sends a message).
        while (
          api.sentTo(Number(chatId)) === sent &&
          (await app.store.inbox.pending(telegram.channel, chatId, 1)).length > 0
        )
          await new Promise((resolve) => setTimeout(resolve, 20));
        // Done in the database; its reply leaves right after the commit, in the same pass.
        await pipeline.chatIdle(telegram.channel, chatId);
      }
    },
  };
  try {
    await telegram.start(pipeline);
    const result = await drive({
      bot,
      api,
      ...load,
      script: registrationScript,
      strictButtons: true,
    });
    await dispatcher.stop();
    const completed = (await app.store.submissions.list({ status: "submitted" })).length;
    return { ...result, dbBytes: await db.size(), completed, calls: api.calls() };
  } finally {
    await pipeline.stop();
    await dispatcher.stop();
    await app.close();
  }
}
