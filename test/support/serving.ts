import type { App } from "../../src/app.ts";
import { createLogger } from "../../src/application/logger.ts";
import type { ChannelAdapter, ChannelDeps } from "../../src/bot/adapter.ts";
import { createTelegramAdapter, type TelegramAdapter } from "../../src/bot/telegram/adapter.ts";
import { telegramSettings } from "../../src/bot/telegram/settings.ts";
import { loadConfig } from "../../src/config.ts";
import { type ServeOptions, type Serving, serve } from "../../src/serve.ts";
import type { SiteDeps } from "../../src/web/site.ts";
import type { TestApp } from "./app.ts";
import { testCipher } from "./data-key.ts";
import type { FakeTelegram } from "./fake-telegram.ts";

export const silent = createLogger((process.env.TEST_LOG as "error") ?? "silent");

/** What a channel is built with, on a test app. */
export function depsOf(a: TestApp, extra: Partial<ChannelDeps> = {}): ChannelDeps {
  return {
    store: a.store,
    translator: a.translator,
    flows: a.flows,
    logger: silent,
    clock: a.clock,
    ...extra,
  };
}

/** What a web site (the workspace, the gallery) is built with, on a test app, served in process. */
export function siteDepsOf(a: TestApp, extra: Partial<SiteDeps> = {}): SiteDeps {
  return {
    store: a.store,
    translator: a.translator,
    rulebook: a.rulebook,
    tree: a.tree,
    logger: silent,
    clock: a.clock,
    adapters: [],
    miniApps: [],
    afterChange: () => {},
    ...extra,
  };
}

/**
 * The environment of a served test: tests type far faster than anyone, so the incoming rate limit
 * is off unless a test sets it (test/faults/flood.test.ts does).
 */
const TEST_ENV = { HTTP_PORT: "0", RATE_LIMIT_PER_SECOND: "off" };

/** A test app as the composition root's App (the store stays open: the test's databases own it). */
export function asApp(a: TestApp, env: Record<string, string> = {}): App {
  return {
    config: { ...loadConfig({ ...TEST_ENV, ...env }), channels: [] },
    logger: silent,
    store: a.store,
    rulebook: a.rulebook,
    tree: a.tree,
    translator: a.translator,
    flows: a.flows,
    runner: a.runner,
    clock: a.clock,
    cipher: testCipher(),
    close: async () => {},
  };
}

/** Serves these adapters exactly as `npm start` serves the configured ones, on a free port. */
export function serveTest(
  a: TestApp,
  adapters: ChannelAdapter[],
  env: Record<string, string> = {},
  options: ServeOptions = {},
): Promise<Serving> {
  return serve(asApp(a, env), adapters, options);
}

/** The Telegram adapter on a fake Bot API, from the settings the environment would give. */
export function telegramOn(
  a: TestApp,
  fake: FakeTelegram,
  env: Record<string, string> = {},
): TelegramAdapter {
  const settings = telegramSettings.parse({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    ...env,
  });
  return createTelegramAdapter(settings, depsOf(a));
}
