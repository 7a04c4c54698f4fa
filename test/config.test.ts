import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { createLogger, redact } from "../src/logger.ts";

describe("configuration", () => {
  it("needs nothing to start: SQLite, the console, the default rulebook", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: "file:./data/dvk.db",
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      TELEGRAM_MODE: "polling",
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: 8080,
      RULEBOOK: "three-tier-2021-2025",
      LOG_LEVEL: "info",
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it.each([
    [{ HTTP_PORT: "eighty" }, "HTTP_PORT", "port"],
    [{ HTTP_PORT: "70000" }, "HTTP_PORT", ""],
    [{ TELEGRAM_MODE: "push" }, "TELEGRAM_MODE", '"polling" or "webhook"'],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", "postgresql://"],
    [{ TELEGRAM_BOT_TOKEN: "not a token" }, "TELEGRAM_BOT_TOKEN", "bot token"],
    [{ TELEGRAM_BOT_TOKEN: "1:abc", TELEGRAM_MODE: "webhook" }, "TELEGRAM_WEBHOOK_SECRET", "required"],
    [{ TELEGRAM_WEBHOOK_SECRET: "has spaces" }, "TELEGRAM_WEBHOOK_SECRET", "A–Z"],
    [{ ZALO_BOT_TOKEN: "t", ZALO_BOT_WEBHOOK_SECRET: "short" }, "ZALO_BOT_WEBHOOK_SECRET", "8–256"],
    [{ TELEGRAM_API_ROOT: "not a url" }, "TELEGRAM_API_ROOT", "URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", "debug"],
    [{ ZALO_OA_APP_ID: "1" }, "ZALO_OA_SECRET_KEY", "required"],
  ])("refuses %j naming %s", (env, variable, expected) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message).toContain(expected);
      expect((error as Error).message.split("\n")).toHaveLength(1);
    }
  });
});

describe("logging", () => {
  it("never writes tokens, secrets or phone numbers", () => {
    const lines: string[] = [];
    const log = createLogger("debug", (l) => lines.push(l));
    log.info("calling https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe", {
      phone: "0912 345 678",
      other: "+84912345678",
      body: '{"access_token":"abc.def","x":1}',
      url: "postgresql://dvk:s3cret@127.0.0.1/dvk",
    });
    const line = lines.join("\n");
    for (const secret of ["AAHdqTcv", "0912 345 678", "+84912345678", "abc.def", "s3cret"])
      expect(line).not.toContain(secret);
    expect(redact("code DVK-2026-000123 at 2026-03-10")).toBe("code DVK-2026-000123 at 2026-03-10");
  });

  it("respects the level", () => {
    const lines: string[] = [];
    const log = createLogger("warn", (l) => lines.push(l));
    log.info("hidden");
    log.warn("shown");
    expect(lines).toHaveLength(1);
  });
});
