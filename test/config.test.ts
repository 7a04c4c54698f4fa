import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration", () => {
  it("needs nothing to start: SQLite, the console, the default rulebook", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: "file:./data/dvk.db",
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: 8080,
      RULEBOOK: "three-tier-2021-2025",
      LOG_LEVEL: "info",
      RATE_LIMIT_PER_SECOND: 1,
      RATE_LIMIT_BURST: 10,
    });
    expect(config.channels.map((c) => c.name)).toEqual(["console"]);
  });

  it("reads the incoming rate limit, 0 or off switching it off", () => {
    expect(loadConfig({ RATE_LIMIT_PER_SECOND: "0.5", RATE_LIMIT_BURST: " 3 " })).toMatchObject({
      RATE_LIMIT_PER_SECOND: 0.5,
      RATE_LIMIT_BURST: 3,
    });
    expect(loadConfig({ RATE_LIMIT_PER_SECOND: "Off", RATE_LIMIT_BURST: "0" })).toMatchObject({
      RATE_LIMIT_PER_SECOND: 0,
      RATE_LIMIT_BURST: 0,
    });
  });

  it("reads one section per configured channel, Telegram's as polling or webhook", () => {
    const token = { TELEGRAM_BOT_TOKEN: "1:abc" };
    expect(loadConfig(token).channels.map((c) => [c.name, c.settings])).toEqual([
      ["telegram", { token: "1:abc", apiRoot: "https://api.telegram.org", ingress: { mode: "polling" } }],
    ]);
    const secret = "s".repeat(32);
    const webhook = loadConfig({ ...token, TELEGRAM_MODE: "webhook", TELEGRAM_WEBHOOK_SECRET: secret });
    expect(webhook.channels[0]!.settings).toMatchObject({ ingress: { mode: "webhook", secret } });
    const both = loadConfig({ ...token, ZALO_BOT_TOKEN: "z", ZALO_BOT_WEBHOOK_SECRET: secret });
    expect(both.channels.map((c) => c.name)).toEqual(["telegram", "zalo-bot"]);
  });

  const telegram = { TELEGRAM_BOT_TOKEN: "1:abc" };
  const webhook = { ...telegram, TELEGRAM_MODE: "webhook" };
  it.each([
    [{ HTTP_PORT: "eighty" }, "HTTP_PORT", "port"],
    [{ HTTP_PORT: "70000" }, "HTTP_PORT", ""],
    [{ ...telegram, TELEGRAM_MODE: "push" }, "TELEGRAM_MODE", '"polling" or "webhook"'],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", "postgresql://"],
    [{ TELEGRAM_BOT_TOKEN: "not a token" }, "TELEGRAM_BOT_TOKEN", "bot token"],
    [webhook, "TELEGRAM_WEBHOOK_SECRET", "required"],
    [{ ...webhook, TELEGRAM_WEBHOOK_SECRET: "x" }, "TELEGRAM_WEBHOOK_SECRET", "32"],
    [
      { ...webhook, TELEGRAM_WEBHOOK_SECRET: `has spaces ${"x".repeat(32)}` },
      "TELEGRAM_WEBHOOK_SECRET",
      "A–Z",
    ],
    [{ ZALO_BOT_TOKEN: "t", ZALO_BOT_WEBHOOK_SECRET: "short" }, "ZALO_BOT_WEBHOOK_SECRET", "32"],
    [{ ...telegram, TELEGRAM_API_ROOT: "not a url" }, "TELEGRAM_API_ROOT", "URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", "debug"],
    [{ RATE_LIMIT_PER_SECOND: "fast" }, "RATE_LIMIT_PER_SECOND", "updates a second"],
    [{ RATE_LIMIT_PER_SECOND: "-1" }, "RATE_LIMIT_PER_SECOND", "off"],
    [{ RATE_LIMIT_BURST: "2.5" }, "RATE_LIMIT_BURST", "whole number"],
    [{ TRUST_PROXY: "nginx" }, "TRUST_PROXY", "number of proxies"],
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
