import { StartupError } from "./app.ts";
import { redactor } from "./application/logger.ts";
import { ConfigError } from "./config.ts";
import { RulebookError } from "./domain/rulebook/load.ts";
import { InvalidDatabaseUrlError, MigrationError, StorageUnavailableError } from "./storage/index.ts";

/** One clear line (no stack trace) for the errors that stop start-up; anything else in full. */
export function describeStartupError(error: unknown, secrets: readonly string[] = []): string {
  const redact = redactor(secrets);
  const known = [
    ConfigError,
    StartupError,
    RulebookError,
    InvalidDatabaseUrlError,
    MigrationError,
    StorageUnavailableError,
  ];
  if (known.some((type) => error instanceof type)) return redact((error as Error).message);
  return redact(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
