import { type App, createApp } from "./app.ts";
import { runConsole } from "./bot/console/index.ts";
import { loadConfig } from "./config.ts";
import { languageOf } from "./dialogs/runner.ts";
import { createLogger } from "./logger.ts";
import { serve } from "./serve.ts";
import { describeStartupError } from "./startup-errors.ts";

/** `npm start`: migrate, then serve the channels that have tokens — or a terminal chat when none do. */
async function main(): Promise<void> {
  let app: App | undefined;
  try {
    const config = loadConfig();
    const logger = createLogger(config.LOG_LEVEL);
    app = await createApp(config, logger);
    const channels = [config.TELEGRAM_BOT_TOKEN, config.ZALO_BOT_TOKEN, config.ZALO_OA_APP_ID].filter(
      Boolean,
    );
    if (channels.length === 0) {
      await runConsole({
        runner: app.runner,
        translator: app.translator,
        input: process.stdin,
        output: process.stdout,
        language: languageOf(process.env.LANG),
        filesDir: "data/files",
      });
      await app.close();
      return;
    }
    const stop = await serve(app);
    const running = app;
    const shutdown = async (signal: string) => {
      logger.info("shutting down", { signal });
      await stop();
      await running.close();
      process.exit(0);
    };
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    process.once("SIGINT", () => void shutdown("SIGINT"));
  } catch (error) {
    process.stderr.write(`${describeStartupError(error)}\n`);
    await app?.close().catch(() => {});
    process.exitCode = 1;
  }
}

await main();
