import { type App, createApp } from "./app.ts";
import { loadConfig, loggerFor, secretsOf } from "./config.ts";
import { serve } from "./serve.ts";
import { describeStartupError } from "./startup-errors.ts";

/** `npm start`: migrate, then serve the channels the environment configures (the terminal chat when none). */
async function main(): Promise<void> {
  let app: App | undefined;
  let secrets: string[] = [];
  try {
    const config = loadConfig();
    secrets = secretsOf(config);
    const logger = loggerFor(config);
    app = await createApp(config, logger);
    const serving = await serve(app);
    const running = app;
    const shutdown = async (reason: string) => {
      logger.info("shutting down", { reason });
      await serving.stop();
      await running.close();
      process.exit(0);
    };
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    process.once("SIGINT", () => void shutdown("SIGINT"));
    // The terminal chat ends with its input; servers run until a signal.
    await serving.finished;
    await shutdown("input closed");
  } catch (error) {
    process.stderr.write(`${describeStartupError(error, secrets)}\n`);
    await app?.close().catch(() => {});
    process.exitCode = 1;
  }
}

await main();
